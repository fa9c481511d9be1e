#include "TestSupport.h"

#include <QProcess>

#include <fstream>
#include <stdexcept>

namespace dqtest {

std::filesystem::path fixturesDir() { return DQ_FIXTURES_DIR; }
std::filesystem::path referenceDir() { return DQ_REFERENCE_DIR; }
std::filesystem::path fashionMnistDir() { return DQ_FASHION_MNIST_DIR; }

void writeBytes(const std::filesystem::path& path, const std::string& bytes)
{
    if (path.has_parent_path())
        std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write test file " + path.string());
}

CliResult runCli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(DQ_CLI_PATH), args);
    CliResult r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("dq did not finish within 120 s");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace dqtest
