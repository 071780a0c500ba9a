#pragma once
// What a process prints when a role flag (--create-role, --update-role ...) did the work instead
// of the main object: the reference's CommandResponse, e.g. {"command": "create-role", "note": "x,y"}.
#include <optional>
#include <string>

#include "lc/message.hpp"

namespace lc {

struct CommandResponse {
  std::optional<std::string> command;
  std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(CommandResponse, (), (command, note))

}  // namespace lc

LC_MESSAGE(lc::CommandResponse, "layer_cake.object_startup.CommandResponse")
