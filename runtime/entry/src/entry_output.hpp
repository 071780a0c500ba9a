#pragma once
// What a process prints at the end (reference §7.2, §7.3) and the exit code it returns; pure
// functions over streams so they are tested without a process.
#include <ostream>
#include <string>
#include <string_view>

#include "lc/message.hpp"
#include "lc/settings.hpp"

namespace lc::detail {

inline constexpr int faulty_exit = 71;  // the reference's FAULTY_EXIT
inline constexpr int bad_arguments_exit = 2;

// basename(argv[0]).
std::string program_name(const char* argv0);

// Prints the result as the flags ask and returns the exit code: None prints nothing; a value is
// indented JSON, one line under --child-process, the envelope under --full-output; a Faulted goes
// to `err` as "<program>: <fault>" unless --full-output, and exits with exit_status or 71 (mod 256).
int print_result(const message& result, const command_line& flags, std::string_view program,
                 std::ostream& out, std::ostream& err);

// An argument problem: "<program>: <reason>" on err (and, under --full-output, the Faulted
// envelope on out for a parent to decode). Returns 2.
int print_bad_arguments(std::string_view reason, bool full_output, bool child_process,
                        std::string_view program, std::ostream& out, std::ostream& err);

// --help: the program, every setting with its type and default, then the standard flags.
void print_help(std::string_view program, const settings_schema& schema, const void* defaults,
                std::ostream& out);

// --dump-types: the sorted signatures of every registered type, one per line.
void print_types(std::ostream& out);

}  // namespace lc::detail
