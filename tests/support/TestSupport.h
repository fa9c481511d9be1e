#pragma once
#include "common/Error.h"
#include "common/FieldError.h"

#include <QString>
#include <QStringList>

#include <filesystem>
#include <string>

namespace dqtest {

std::filesystem::path fixturesDir();
std::filesystem::path fashionMnistDir();

// Writes bytes to a file (creating folders), for tests that build bad inputs.
void writeBytes(const std::filesystem::path& path, const std::string& bytes);

// Writes MNIST-style IDX files (raw, not gzipped) holding the first `trainCount` training and
// `testCount` test images of Fashion-MNIST into `dir` (named so that the Fashion-MNIST
// normalisation applies: call it with a folder whose name contains "mnist"). Test images of
// class `dropTestClass` (>= 0) are left out. Returns the spec "idx:<dir>".
std::string writeSmallFashionMnist(const std::filesystem::path& dir, int trainCount, int testCount, int dropTestClass = -1);

// Rewrites a quantized folder (QuantizedStorage.h) of the current version in the format
// of version 1, as earlier builds wrote it: the kept pixels uncompressed in pixels.npy,
// meta.json's version 1. For tests that old folders still read and restore.
void downgradeQuantizedToVersion1(const std::filesystem::path& dir);

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};
// Runs the built `dq` executable with arguments and waits (120 s at most).
CliResult runCli(const QStringList& args);

} // namespace dqtest

// Asserts that `expr` throws dq::Error (or a subclass) whose message contains every
// fragment in `fragments` (e.g. the file name and the problem).
#define DQ_EXPECT_ERROR(expr, ...)                                                                                          \
    do {                                                                                                                    \
        bool dqThrown_ = false;                                                                                             \
        try {                                                                                                               \
            expr;                                                                                                           \
        } catch (const dq::Error& e) {                                                                                      \
            dqThrown_ = true;                                                                                               \
            const QString msg_ = QString::fromStdString(e.what());                                                          \
            for (const char* frag_ : {__VA_ARGS__})                                                                         \
                QVERIFY2(msg_.contains(QString::fromUtf8(frag_)),                                                           \
                         qPrintable("message '" + msg_ + "' lacks '" + frag_ + "'"));                                       \
        }                                                                                                                   \
        QVERIFY2(dqThrown_, "expected dq::Error from " #expr);                                                              \
    } while (0)

// Like DQ_EXPECT_ERROR for a bad parameter: expr throws dq::FieldError with the field id
// `fieldId` (what the front ends turn into --option or a form label) and the fragments.
#define DQ_EXPECT_FIELD_ERROR(expr, fieldId, ...)                                                                           \
    do {                                                                                                                    \
        bool dqThrown_ = false;                                                                                             \
        try {                                                                                                               \
            expr;                                                                                                           \
        } catch (const dq::FieldError& e) {                                                                                 \
            dqThrown_ = true;                                                                                               \
            QCOMPARE(QString::fromStdString(e.field()), QStringLiteral(fieldId));                                           \
            const QString msg_ = QString::fromStdString(e.detail());                                                        \
            for (const char* frag_ : {"", ##__VA_ARGS__})                                                                   \
                QVERIFY2(msg_.contains(QString::fromUtf8(frag_)),                                                           \
                         qPrintable("message '" + msg_ + "' lacks '" + frag_ + "'"));                                       \
        }                                                                                                                   \
        QVERIFY2(dqThrown_, "expected dq::FieldError from " #expr);                                                         \
    } while (0)
