#pragma once
#include <string>
#include <vector>

namespace dqcli {

// Every subcommand, in the order `dq --help` lists them, with its one-line description.
// Both executables behind `dq` register from this list, so their `--help` agree.
struct CommandInfo {
    const char* name;
    const char* description;
};

const std::vector<CommandInfo>& commandCatalog();

// The description of `name`; throws std::logic_error for a name not in the catalog.
const char* commandDescription(const std::string& name);

} // namespace dqcli
