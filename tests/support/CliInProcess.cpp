#include "CliInProcess.h"

#include "CliMain.h"

#include "common/Progress.h"

#include <sstream>

namespace dqtest {

CliResult runCliInProcess(const QStringList& args, const dq::CancelToken& cancel)
{
    std::vector<std::string> argv;
    for (const QString& a : args)
        argv.push_back(a.toStdString());
    std::ostringstream out, err;
    CliResult r;
    r.exitCode = dqcli::runCliInProcess(argv, out, err, cancel);
    r.out = QString::fromStdString(out.str());
    r.err = QString::fromStdString(err.str());
    return r;
}

CliResult runCliInProcess(const QStringList& args)
{
    const dq::CancelToken never;
    return runCliInProcess(args, never);
}

} // namespace dqtest
