// The commands that need no LibTorch: the light `dq` runs them itself (LightMain.cpp).
#include "Command.h"

namespace dqcli {

CommandSet lightCommands()
{
    CommandSet commands;
    commands.push_back(makeInfoCommand());
    commands.push_back(makeBinsCommand());
    commands.push_back(makeSampleCommand());
    commands.push_back(makeTextCommand());
    return commands;
}

} // namespace dqcli
