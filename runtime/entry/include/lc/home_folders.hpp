#pragma once
// The folders a process keeps its files in, as the reference gives a process run without a home:
// the model (--model-path, else the working folder at start), the resource (--resource-path made
// absolute, else none) and a temporary folder of its own.
#include <optional>

#include "lc/folder.hpp"

namespace lc {

// Persistent, read-write files. Created when missing.
Folder model_folder();
// Read-only files that come with the executable; none without --resource-path.
std::optional<Folder> resource_folder();
// Made empty on first use under $TMPDIR (else /tmp); removed when the process ends normally.
Folder tmp_folder();

}  // namespace lc
