// dq-torch: every dq command, with LibTorch and OpenCV (libdqtorch). Installed in
// libexec/dq-studio/; the light `dq` hands it the commands that need LibTorch, with the
// same arguments, by exec (so signals and exit statuses stay the command's own).
#include "CliMain.h"

int main(int argc, char** argv) { return dqcli::runProcessCli(argc, argv, dqcli::torchBinary()); }
