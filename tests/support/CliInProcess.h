#pragma once
#include "TestSupport.h"

namespace dq {
class CancelToken;
}

namespace dqtest {

// Runs a dq command line inside the test process (dq-torch's command set, every command
// runs here), stdout and stderr captured: what runCli gives, without starting a process.
// Subprocess tests (runCli) stay for what only a process shows: exit on a signal, the
// hand-over from the light dq to dq-torch.
CliResult runCliInProcess(const QStringList& args);
CliResult runCliInProcess(const QStringList& args, const dq::CancelToken& cancel);

} // namespace dqtest
