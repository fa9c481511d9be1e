#pragma once
#include "common/FieldError.h"

#include <QtTest>

#include <string>

// Asserts that `expr` throws dq::FieldError on the parameter `fieldId` whose detail contains
// every fragment, one at least (core names the parameter by its id; the front ends word it).
#define DQ_EXPECT_FIELD_ERROR(expr, fieldId, ...)                                                                           \
    do {                                                                                                                    \
        bool dqThrown_ = false;                                                                                             \
        try {                                                                                                               \
            expr;                                                                                                           \
        } catch (const dq::FieldError& e) {                                                                                 \
            dqThrown_ = true;                                                                                               \
            QCOMPARE(e.field(), std::string(fieldId));                                                                      \
            const QString msg_ = QString::fromStdString(e.detail());                                                        \
            for (const char* frag_ : {__VA_ARGS__})                                                                         \
                QVERIFY2(msg_.contains(QString::fromUtf8(frag_)),                                                           \
                         qPrintable("detail '" + msg_ + "' lacks '" + frag_ + "'"));                                        \
        }                                                                                                                   \
        QVERIFY2(dqThrown_, "expected dq::FieldError from " #expr);                                                         \
    } while (0)
