// The .npy reader and writer against files numpy wrote (tests/fixtures/npy, made by
// tests/fixtures/make_npy_fixtures.py), against numpy reading our files, and on bad input.
#include "io/Npy.h"
#include "io/internal/NpyWriter.h"

#include "common/Error.h"
#include "TestSupport.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

using dq::DType;
using dq::NpyArray;
using dq::NpyFileInfo;
using dq::NpyWriter;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(dq::DType)

namespace {

fs::path npyFixture(const char* name) { return dqtest::fixturesDir() / "npy" / name; }

std::string fileBytes(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

QString npyShapeText(const std::vector<std::int64_t>& shape)
{
    QStringList parts;
    for (std::int64_t d : shape)
        parts << QString::number(d);
    return "(" + parts.join(", ") + ")";
}

std::vector<std::int64_t> parseShape(const QString& text)
{
    std::vector<std::int64_t> shape;
    for (const QString& p : text.split('x', Qt::SkipEmptyParts))
        shape.push_back(p.toLongLong());
    return shape;
}

// The fixtures' formula: element i (C order) = i * scale + offset, converted to the dtype.
double formula(std::int64_t i, double scale, double offset, DType t)
{
    const double v = static_cast<double>(i) * scale + offset;
    switch (t) {
    case DType::UInt8:
        return static_cast<std::uint8_t>(v);
    case DType::UInt16:
        return static_cast<std::uint16_t>(v);
    case DType::Int32:
        return static_cast<std::int32_t>(v);
    case DType::Int64:
        return static_cast<double>(static_cast<std::int64_t>(v));
    case DType::Float32:
        return static_cast<float>(v);
    case DType::Float64:
        return v;
    }
    return v;
}

template <typename T>
NpyArray arangeOf(const std::vector<std::int64_t>& shape, double scale, double offset)
{
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        n *= d;
    std::vector<T> v(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        v[static_cast<std::size_t>(i)] = static_cast<T>(static_cast<double>(i) * scale + offset);
    NpyArray a = NpyArray::fromVector(v, shape.empty() ? std::vector<std::int64_t>{1} : shape);
    a.shape = shape; // fromVector has no 0-d form
    return a;
}

NpyArray arange(DType t, const std::vector<std::int64_t>& shape, double scale, double offset)
{
    switch (t) {
    case DType::UInt8:
        return arangeOf<std::uint8_t>(shape, scale, offset);
    case DType::UInt16:
        return arangeOf<std::uint16_t>(shape, scale, offset);
    case DType::Int32:
        return arangeOf<std::int32_t>(shape, scale, offset);
    case DType::Int64:
        return arangeOf<std::int64_t>(shape, scale, offset);
    case DType::Float32:
        return arangeOf<float>(shape, scale, offset);
    case DType::Float64:
        return arangeOf<double>(shape, scale, offset);
    }
    return {};
}

// A version 1.0 file with exactly this header text (no padding added) and data.
std::string npyV1(const std::string& header, const std::string& data)
{
    std::string s("\x93NUMPY\x01\x00", 8);
    s += static_cast<char>(header.size() & 0xff);
    s += static_cast<char>(header.size() >> 8);
    return s + header + data;
}

const std::string kGoodHeader = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }\n";

std::string withHeader(const std::string& dict, std::size_t dataBytes = 48)
{
    return npyV1(dict + "\n", std::string(dataBytes, '\0'));
}

QStringList folderEntries(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestNpy : public QObject {
    Q_OBJECT

private slots:
    void loadsNumpyFixtures_data();
    void loadsNumpyFixtures();
    void readsLittleAndBigEndianUInt8Descr();
    void readsInt64BeyondInt32();
    void readsScalarAndEmpty();
    void typedAccess();
    void rejectsUnsupportedNumpyDtypes_data();
    void rejectsUnsupportedNumpyDtypes();
    void encodeMatchesNumpyBytes_data();
    void encodeMatchesNumpyBytes();
    void encodeAlignsDataTo64Bytes();
    void encodeUsesVersion2ForHugeHeaders();
    void encodeRejectsInconsistentArray();
    void roundTrip_data();
    void roundTrip();
    void toVectorConverts();
    void fromVectorChecksShape();
    void numelAndRowSize();
    void numpyLoadsOurFiles_data();
    void numpyLoadsOurFiles();
    void rowWriterChecksRows();
    void inspectReadsTheHeaderOnly();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void reportsMissingFile();
    void atomicWriteLeavesNoTemporary();
};

void TestNpy::loadsNumpyFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<DType>("dtype");
    QTest::addColumn<QString>("shape");
    QTest::addColumn<double>("scale");
    QTest::addColumn<double>("offset");
    // Same formulas as make_npy_fixtures.py.
    QTest::newRow("uint8") << "u1.npy" << DType::UInt8 << "(12)" << 20.0 << 0.0;
    QTest::newRow("int32") << "i4.npy" << DType::Int32 << "(12)" << 1.0 << -5.0;
    QTest::newRow("int64") << "i8.npy" << DType::Int64 << "(12)" << 1.0 << -5.0;
    QTest::newRow("float32") << "f4.npy" << DType::Float32 << "(12)" << 0.25 << -1.0;
    QTest::newRow("float64") << "f8.npy" << DType::Float64 << "(12)" << 0.25 << -1.0;
    QTest::newRow("2-D") << "f4_2d.npy" << DType::Float32 << "(3, 4)" << 0.25 << -1.0;
    QTest::newRow("3-D") << "i4_3d.npy" << DType::Int32 << "(2, 3, 4)" << 1.0 << -5.0;
    QTest::newRow("16-D") << "u1_16d.npy" << DType::UInt8 << "(3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2)" << 20.0
                          << 0.0;
    QTest::newRow("fortran 2-D") << "f8_fortran.npy" << DType::Float64 << "(3, 4)" << 0.25 << -1.0;
    QTest::newRow("fortran 3-D") << "i8_fortran_3d.npy" << DType::Int64 << "(2, 3, 4)" << 1.0 << -5.0;
    QTest::newRow("fortran uint8") << "u1_fortran.npy" << DType::UInt8 << "(4, 3)" << 20.0 << 0.0;
    QTest::newRow("version 2.0") << "f4_v2.npy" << DType::Float32 << "(2, 3)" << 0.25 << -1.0;
    QTest::newRow("version 3.0") << "i8_v3.npy" << DType::Int64 << "(4)" << 1.0 << -5.0;
    QTest::newRow("big-endian f8") << "f8_be.npy" << DType::Float64 << "(2, 3)" << 0.25 << -1.0;
    QTest::newRow("big-endian i4") << "i4_be.npy" << DType::Int32 << "(5)" << 1.0 << -5.0;
    QTest::newRow("big-endian fortran") << "i8_be_fortran.npy" << DType::Int64 << "(3, 2)" << 1.0 << -5.0;
    QTest::newRow("scalar") << "f8_scalar.npy" << DType::Float64 << "()" << 0.0 << 3.5;
    QTest::newRow("empty") << "f4_empty.npy" << DType::Float32 << "(0)" << 0.0 << 0.0;
    QTest::newRow("empty 2-D") << "i8_empty_2d.npy" << DType::Int64 << "(0, 5)" << 0.0 << 0.0;
}

void TestNpy::loadsNumpyFixtures()
{
    QFETCH(QString, file);
    QFETCH(DType, dtype);
    QFETCH(QString, shape);
    QFETCH(double, scale);
    QFETCH(double, offset);
    const NpyArray a = dq::readNpy(npyFixture(qPrintable(file)));
    QCOMPARE(a.dtype, dtype);
    QCOMPARE(npyShapeText(a.shape), shape);
    QCOMPARE(a.bytes.size(), static_cast<std::size_t>(a.numel()) * dq::dtypeSize(dtype));
    const std::vector<double> values = a.toVector<double>();
    QCOMPARE(static_cast<std::int64_t>(values.size()), a.numel());
    for (std::size_t i = 0; i < values.size(); ++i)
        QVERIFY2(values[i] == formula(static_cast<std::int64_t>(i), scale, offset, dtype),
                 qPrintable(QString("element %1 is %2").arg(i).arg(values[i])));
}

void TestNpy::readsLittleAndBigEndianUInt8Descr()
{
    // numpy writes '|u1' for uint8; other writers use '<u1' (or '>u1'): same bytes.
    const std::string original = fileBytes(npyFixture("u1.npy"));
    for (const char* descr : {"'<u1'", "'>u1'", "'|u1'"}) {
        std::string bytes = original;
        const std::size_t at = bytes.find("'|u1'");
        QVERIFY(at != std::string::npos);
        bytes.replace(at, 5, descr);
        const NpyArray a = dq::decodeNpy(bytes, "u1.npy");
        QCOMPARE(a.dtype, DType::UInt8);
        const std::vector<std::uint8_t> v = a.toVector<std::uint8_t>();
        QCOMPARE(v.size(), std::size_t(12));
        QCOMPARE(v[11], std::uint8_t(220));
    }
}

void TestNpy::readsInt64BeyondInt32()
{
    const NpyArray a = dq::readNpy(npyFixture("i8_big.npy"));
    QCOMPARE(a.dtype, DType::Int64);
    const std::int64_t* d = a.data<std::int64_t>();
    QCOMPARE(d[0], -(std::int64_t(1) << 40));
    QCOMPARE(d[1], (std::int64_t(1) << 40) + 7);
    QCOMPARE(d[2], std::int64_t(1) << 62);
}

void TestNpy::readsScalarAndEmpty()
{
    const NpyArray s = dq::readNpy(npyFixture("f8_scalar.npy"));
    QVERIFY(s.shape.empty());
    QCOMPARE(s.numel(), std::int64_t(1));
    QCOMPARE(s.rows(), std::int64_t(1));
    QCOMPARE(s.rowSize(), std::int64_t(1));
    QCOMPARE(s.data<double>()[0], 3.5);

    const NpyArray e = dq::readNpy(npyFixture("i8_empty_2d.npy"));
    QCOMPARE(e.numel(), std::int64_t(0));
    QCOMPARE(e.rows(), std::int64_t(0));
    QCOMPARE(e.rowSize(), std::int64_t(5));
    QVERIFY(e.bytes.empty());
    QVERIFY(e.toVector<float>().empty());
}

void TestNpy::typedAccess()
{
    NpyArray a = dq::readNpy(npyFixture("f4_2d.npy"));
    QCOMPARE(a.data<float>()[5], 0.25f); // 5 * 0.25 - 1
    a.data<float>()[5] = 9.0f;
    QCOMPARE(a.toVector<double>()[5], 9.0);
    const NpyArray& c = a;
    DQ_EXPECT_ERROR(c.data<std::int32_t>(), "requested int32", "holds float32");
    DQ_EXPECT_ERROR(a.data<double>(), "requested float64", "holds float32");
    DQ_EXPECT_ERROR(a.data<std::uint8_t>(), "uint8", "float32");
    DQ_EXPECT_ERROR(a.data<std::int64_t>(), "int64", "float32");
    QCOMPARE(dq::dtypeOf<std::int64_t>(), DType::Int64);
    QCOMPARE(QString(dq::dtypeName(DType::UInt8)), QString("uint8"));
    QCOMPARE(dq::dtypeSize(DType::Float64), std::size_t(8));
}

void TestNpy::rejectsUnsupportedNumpyDtypes_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("complex64") << "c8.npy"
                               << "unsupported dtype '<c8' (complex64)";
    QTest::newRow("unicode") << "u5.npy"
                             << "unsupported dtype '<U5' (unicode string)";
    QTest::newRow("int16") << "i2.npy"
                           << "unsupported dtype '<i2' (int16)";
}

void TestNpy::rejectsUnsupportedNumpyDtypes()
{
    QFETCH(QString, file);
    QFETCH(QString, fragment);
    const fs::path path = npyFixture(qPrintable(file));
    const std::string where = path.string();
    const QByteArray what = fragment.toUtf8();
    DQ_EXPECT_ERROR(dq::readNpy(path), where.c_str(), what.constData());
}

void TestNpy::encodeMatchesNumpyBytes_data()
{
    QTest::addColumn<QString>("file");
    for (const char* f : {"u1.npy", "i4.npy", "i8.npy", "f4.npy", "f8.npy", "i8_big.npy", "f4_2d.npy", "i4_3d.npy",
                          "u1_16d.npy", "f8_scalar.npy", "f4_empty.npy", "i8_empty_2d.npy"})
        QTest::newRow(f) << QString(f);
}

void TestNpy::encodeMatchesNumpyBytes()
{
    // For C-order little-endian arrays numpy's np.save and encodeNpy agree byte for byte.
    QFETCH(QString, file);
    const std::string numpyBytes = fileBytes(npyFixture(qPrintable(file)));
    const std::string ours = dq::encodeNpy(dq::decodeNpy(numpyBytes, file.toStdString()));
    QCOMPARE(QByteArray::fromStdString(ours), QByteArray::fromStdString(numpyBytes));
}

void TestNpy::encodeAlignsDataTo64Bytes()
{
    // Header lengths vary with the rank and the digits of the first dimension (numpy
    // leaves spare room after it): the data must start at a multiple of 64 for each.
    for (std::size_t rank = 0; rank <= 8; ++rank) {
        for (std::int64_t first : {0LL, 1LL, 7LL, 12345LL, 1234567890123LL, 999999999999999999LL}) {
            NpyArray a;
            a.dtype = DType::UInt8;
            a.shape.assign(rank, 1);
            if (rank > 0)
                a.shape[0] = first;
            if (first > 100000 && rank < 2)
                continue;
            if (first > 100000)
                a.shape[1] = 0; // a long first dimension without the bytes
            a.bytes.assign(static_cast<std::size_t>(a.numel()), 7);
            const std::string s = dq::encodeNpy(a);
            QCOMPARE(s.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
            const std::size_t headerLen = static_cast<unsigned char>(s[8]) | static_cast<unsigned char>(s[9]) << 8;
            const std::size_t dataAt = 10 + headerLen;
            QCOMPARE(dataAt % 64, std::size_t(0));
            QCOMPARE(s[dataAt - 1], '\n');
            QCOMPARE(s.size() - dataAt, a.bytes.size());
            const NpyArray b = dq::decodeNpy(s, "aligned.npy");
            QCOMPARE(b.shape, a.shape);
            QCOMPARE(b.bytes, a.bytes);
        }
    }
}

void TestNpy::encodeUsesVersion2ForHugeHeaders()
{
    NpyArray a;
    a.dtype = DType::Float64;
    a.shape.assign(23000, 1); // "1, " each: a header over 65535 bytes
    a.bytes.assign(8, 0);
    a.bytes[7] = 0x40; // 2.0
    const std::string s = dq::encodeNpy(a);
    QCOMPARE(int(s[6]), 2);
    QCOMPARE(int(s[7]), 0);
    std::uint32_t headerLen = 0;
    for (int i = 0; i < 4; ++i)
        headerLen |= std::uint32_t(static_cast<unsigned char>(s[8 + i])) << (8 * i);
    QVERIFY(headerLen > 65535);
    QCOMPARE((12 + headerLen) % 64, 0u);
    const NpyArray b = dq::decodeNpy(s, "huge-header.npy");
    QCOMPARE(b.shape.size(), std::size_t(23000));
    QCOMPARE(b.data<double>()[0], 2.0);
}

void TestNpy::encodeRejectsInconsistentArray()
{
    NpyArray a = NpyArray::fromVector(std::vector<float>{1, 2, 3});
    a.shape = {2, 2};
    DQ_EXPECT_ERROR(dq::encodeNpy(a), "encodeNpy", "(2, 2)", "needs 16 bytes", "holds 12");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const fs::path path = fs::path(dir.path().toStdString()) / "inconsistent.npy";
    const std::string where = path.string();
    DQ_EXPECT_ERROR(dq::writeNpy(path, a), where.c_str(), "needs 16 bytes");
    QVERIFY(!fs::exists(path));
    QVERIFY(folderEntries(dir.path()).isEmpty());
    a.shape = {-1, -3};
    DQ_EXPECT_ERROR(dq::encodeNpy(a), "invalid shape (-1, -3)");
}

void TestNpy::roundTrip_data()
{
    QTest::addColumn<DType>("dtype");
    QTest::addColumn<QString>("shape");
    const std::pair<const char*, DType> types[] = {{"uint8", DType::UInt8},
                                                   {"int32", DType::Int32},
                                                   {"int64", DType::Int64},
                                                   {"float32", DType::Float32},
                                                   {"float64", DType::Float64}};
    for (const auto& [name, t] : types)
        for (const char* shape : {"", "7", "3x4", "2x3x4", "0", "0x5", "2x1x3x1x2"})
            QTest::newRow(qPrintable(QString("%1 [%2]").arg(name, shape))) << t << QString(shape);
}

void TestNpy::roundTrip()
{
    QFETCH(DType, dtype);
    QFETCH(QString, shape);
    const double offset = dtype == DType::UInt8 ? 3.0 : -3.0; // uint8 stays in range
    const NpyArray a = arange(dtype, parseShape(shape), 1.5, offset);
    const NpyArray b = dq::decodeNpy(dq::encodeNpy(a), "round-trip.npy");
    QCOMPARE(b.dtype, a.dtype);
    QCOMPARE(b.shape, a.shape);
    QCOMPARE(b.bytes, a.bytes);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const fs::path path = fs::path(dir.path().toStdString()) / "round-trip.npy";
    dq::writeNpy(path, a);
    const NpyArray c = dq::readNpy(path);
    QCOMPARE(c.dtype, a.dtype);
    QCOMPARE(c.shape, a.shape);
    QCOMPARE(c.bytes, a.bytes);
}

void TestNpy::toVectorConverts()
{
    // Every dtype to every other on values all five types hold exactly.
    const std::vector<double> exact = {0, 1, 2, 100, 127};
    for (DType from : {DType::UInt8, DType::UInt16, DType::Int32, DType::Int64, DType::Float32, DType::Float64}) {
        NpyArray a;
        switch (from) {
        case DType::UInt8:
            a = NpyArray::fromVector(std::vector<std::uint8_t>(exact.begin(), exact.end()));
            break;
        case DType::UInt16:
            a = NpyArray::fromVector(std::vector<std::uint16_t>(exact.begin(), exact.end()));
            break;
        case DType::Int32:
            a = NpyArray::fromVector(std::vector<std::int32_t>(exact.begin(), exact.end()));
            break;
        case DType::Int64:
            a = NpyArray::fromVector(std::vector<std::int64_t>(exact.begin(), exact.end()));
            break;
        case DType::Float32:
            a = NpyArray::fromVector(std::vector<float>(exact.begin(), exact.end()));
            break;
        case DType::Float64:
            a = NpyArray::fromVector(exact);
            break;
        }
        QCOMPARE(a.dtype, from);
        QCOMPARE(a.toVector<std::uint8_t>(), std::vector<std::uint8_t>({0, 1, 2, 100, 127}));
        QCOMPARE(a.toVector<std::uint16_t>(), std::vector<std::uint16_t>({0, 1, 2, 100, 127}));
        QCOMPARE(a.toVector<std::int32_t>(), std::vector<std::int32_t>({0, 1, 2, 100, 127}));
        QCOMPARE(a.toVector<std::int64_t>(), std::vector<std::int64_t>({0, 1, 2, 100, 127}));
        QCOMPARE(a.toVector<float>(), std::vector<float>({0, 1, 2, 100, 127}));
        QCOMPARE(a.toVector<double>(), exact);
    }
    // Floating point to integer: truncation toward zero, clamping, NaN to 0.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const NpyArray f = NpyArray::fromVector(std::vector<double>{-1.5, 2.7, 300.0, nan, -1e30, 1e30});
    QCOMPARE(f.toVector<std::uint8_t>(), std::vector<std::uint8_t>({0, 2, 255, 0, 0, 255}));
    const auto lo32 = std::numeric_limits<std::int32_t>::min();
    const auto hi32 = std::numeric_limits<std::int32_t>::max();
    QCOMPARE(f.toVector<std::int32_t>(), std::vector<std::int32_t>({-1, 2, 300, 0, lo32, hi32}));
    const auto lo64 = std::numeric_limits<std::int64_t>::min();
    const auto hi64 = std::numeric_limits<std::int64_t>::max();
    QCOMPARE(f.toVector<std::int64_t>(), std::vector<std::int64_t>({-1, 2, 300, 0, lo64, hi64}));
    // Integer narrowing wraps, as numpy's astype does.
    const NpyArray i = NpyArray::fromVector(std::vector<std::int64_t>{-5, 256 + 3, (1LL << 32) + 9});
    QCOMPARE(i.toVector<std::uint8_t>(), std::vector<std::uint8_t>({251, 3, 9}));
    QCOMPARE(i.toVector<std::int32_t>(), std::vector<std::int32_t>({-5, 259, 9}));
    QCOMPARE(i.toVector<double>(), std::vector<double>({-5, 259, double((1LL << 32) + 9)}));
    // bytes that do not fill the shape are reported, not read past.
    NpyArray bad = NpyArray::fromVector(std::vector<float>{1, 2});
    bad.shape = {3};
    DQ_EXPECT_ERROR(bad.toVector<float>(), "NpyArray", "(3,)", "8 bytes");
}

void TestNpy::fromVectorChecksShape()
{
    const NpyArray a = NpyArray::fromVector(std::vector<std::int32_t>{1, 2, 3, 4, 5, 6});
    QCOMPARE(a.shape, std::vector<std::int64_t>({6}));
    QCOMPARE(a.bytes.size(), std::size_t(24));
    const NpyArray b = NpyArray::fromVector(std::vector<std::int32_t>{1, 2, 3, 4, 5, 6}, {2, 3});
    QCOMPARE(b.shape, std::vector<std::int64_t>({2, 3}));
    QCOMPARE(b.data<std::int32_t>()[4], 5);
    const NpyArray e = NpyArray::fromVector(std::vector<float>{});
    QCOMPARE(e.shape, std::vector<std::int64_t>({0}));
    const NpyArray e2 = NpyArray::fromVector(std::vector<float>{}, {0, 4});
    QCOMPARE(e2.rowSize(), std::int64_t(4));
    DQ_EXPECT_ERROR(NpyArray::fromVector(std::vector<float>{1, 2, 3, 4, 5}, {2, 3}), "fromVector",
                    "shape (2, 3) holds 6 elements", "5 values");
    DQ_EXPECT_ERROR(NpyArray::fromVector(std::vector<float>{1, 2}, {-1, -2}), "fromVector", "negative dimension");
}

void TestNpy::numelAndRowSize()
{
    NpyArray a;
    a.shape = {4, 3, 2};
    QCOMPARE(a.numel(), std::int64_t(24));
    QCOMPARE(a.rows(), std::int64_t(4));
    QCOMPARE(a.rowSize(), std::int64_t(6));
    a.shape = {5};
    QCOMPARE(a.numel(), std::int64_t(5));
    QCOMPARE(a.rowSize(), std::int64_t(1));
    a.shape = {3, 0, 2};
    QCOMPARE(a.numel(), std::int64_t(0));
    QCOMPARE(a.rowSize(), std::int64_t(0));
}

void TestNpy::numpyLoadsOurFiles_data()
{
    QTest::addColumn<DType>("dtype");
    QTest::addColumn<QString>("shape");
    QTest::addColumn<double>("scale");
    QTest::addColumn<double>("offset");
    QTest::addColumn<bool>("streamed"); // written row by row with NpyWriter, row count left open
    QTest::newRow("uint8 2-D") << DType::UInt8 << "5x7" << 7.0 << 2.0 << false; // up to 240
    QTest::newRow("uint16 2-D") << DType::UInt16 << "5x7" << 1000.0 << 3.0 << false;
    QTest::newRow("int32 3-D") << DType::Int32 << "2x3x4" << -1000.0 << 7.0 << false;
    QTest::newRow("int64 1-D") << DType::Int64 << "9" << 1e15 << -3.0 << false;
    QTest::newRow("float32 2-D") << DType::Float32 << "4x6" << 1.5 << -3.0 << false;
    QTest::newRow("float64 4-D") << DType::Float64 << "2x2x3x2" << 0.1 << -3.0 << false;
    QTest::newRow("float64 scalar") << DType::Float64 << "" << 0.0 << -2.75 << false;
    QTest::newRow("float32 empty") << DType::Float32 << "0" << 1.0 << 0.0 << false;
    QTest::newRow("int64 empty 2-D") << DType::Int64 << "0x5" << 1.0 << 0.0 << false;
    QTest::newRow("uint8 1-D streamed") << DType::UInt8 << "11" << 3.0 << 1.0 << true;
    QTest::newRow("uint16 2-D streamed") << DType::UInt16 << "9x4" << 1700.0 << 5.0 << true;
    QTest::newRow("float32 3-D streamed") << DType::Float32 << "5x2x3" << 0.25 << -1.0 << true;
    QTest::newRow("int64 empty 2-D streamed") << DType::Int64 << "0x5" << 1.0 << 0.0 << true;
}

void TestNpy::numpyLoadsOurFiles()
{
    QFETCH(DType, dtype);
    QFETCH(QString, shape);
    QFETCH(double, scale);
    QFETCH(double, offset);
    QFETCH(bool, streamed);
    const QString python = QStringLiteral("/usr/bin/python3");
    {
        QProcess probe;
        probe.start(python, {"-c", "import numpy"});
        if (!probe.waitForFinished(60000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
            QSKIP("/usr/bin/python3 with numpy is not available (Debian package python3-numpy)");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const fs::path path = fs::path(dir.path().toStdString()) / "ours.npy";
    const NpyArray a = arange(dtype, parseShape(shape), scale, offset);
    if (streamed) {
        // Row count open, rows in two pieces, the second split mid-row.
        NpyWriter w(path, a.dtype, std::vector<std::int64_t>(a.shape.begin() + 1, a.shape.end()));
        const std::size_t firstRows = static_cast<std::size_t>(a.rows() / 2);
        const std::size_t rowBytes = a.bytes.size() / static_cast<std::size_t>(std::max<std::int64_t>(a.rows(), 1));
        w.writeRows(a.bytes.data(), static_cast<std::int64_t>(firstRows));
        const std::size_t rest = a.bytes.size() - firstRows * rowBytes;
        w.append(a.bytes.data() + firstRows * rowBytes, rest / 2);
        w.append(a.bytes.data() + firstRows * rowBytes + rest / 2, rest - rest / 2);
        w.close();
    } else {
        dq::writeNpy(path, a);
    }
    QCOMPARE(dq::readNpy(path).bytes, a.bytes);

    const char* check = R"(
import sys
import numpy as np
import numpy.lib.format as fmt
path, dtype, shape, scale, offset = sys.argv[1:]
shape = tuple(int(d) for d in shape.split('x') if d)
scale, offset = float(scale), float(offset)
problems = []
with open(path, 'rb') as f:
    version = fmt.read_magic(f)
    fmt.read_array_header_1_0(f)
    if f.tell() % 64:
        problems.append('data starts at %d, not a multiple of 64' % f.tell())
if version != (1, 0):
    problems.append('version %r' % (version,))
a = np.load(path, allow_pickle=False)
n = int(np.prod(shape, dtype=np.int64))
want = (np.arange(n, dtype=np.float64) * scale + offset).astype(dtype).reshape(shape)
if a.dtype != np.dtype(dtype) or a.dtype.byteorder not in '<|=':
    problems.append('dtype %s' % a.dtype.str)
if a.shape != shape:
    problems.append('shape %r' % (a.shape,))
elif not np.array_equal(a, want):
    problems.append('values %r' % a.ravel()[:10])
if not a.flags.c_contiguous:
    problems.append('not C order')
print('; '.join(problems) or 'ok')
sys.exit(1 if problems else 0)
)";
    QProcess p;
    p.start(python, {"-c", check, QString::fromStdString(path.string()), dq::dtypeName(dtype), shape,
                     QString::number(scale, 'g', 17), QString::number(offset, 'g', 17)});
    QVERIFY(p.waitForFinished(60000));
    const QString out =
        QString::fromUtf8(p.readAllStandardOutput()).trimmed() + QString::fromUtf8(p.readAllStandardError()).trimmed();
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(out));
    QCOMPARE(out, QString("ok"));
}

// NpyWriter refuses to close a file whose rows differ from the count announced or are
// not whole, naming the file; such a file never reads as a .npy.
void TestNpy::rowWriterChecksRows()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const fs::path path = fs::path(dir.path().toStdString()) / "rows.npy";
    const std::vector<float> row(4, 1.5f);
    const auto failure = [&](const std::function<void()>& f) {
        try {
            f();
        } catch (const dq::Error& e) {
            return QString::fromStdString(e.what());
        }
        return QString();
    };
    {
        NpyWriter w(path, DType::Float32, {4}, 3);
        w.writeRows(row.data(), 1);
        w.writeRows(row.data(), 1);
        const QString e = failure([&] { w.close(); });
        QVERIFY2(e.contains("rows.npy") && e.contains("2 rows written of 3"), qPrintable(e));
    }
    QVERIFY(failure([&] { dq::readNpy(path); }).contains("rows.npy"));
    {
        NpyWriter w(path, DType::Float32, {4}, 1);
        w.writeRows(row.data(), 1);
        const QString e = failure([&] { w.writeRows(row.data(), 1); });
        QVERIFY2(e.contains("more rows than the 1 announced"), qPrintable(e));
    }
    {
        NpyWriter w(path, DType::UInt16, {3});
        const std::uint16_t v[4] = {1, 2, 3, 4};
        w.append(v, sizeof v);
        const QString e = failure([&] { w.close(); });
        QVERIFY2(e.contains("not whole rows of 6 bytes"), qPrintable(e));
    }
}

void TestNpy::inspectReadsTheHeaderOnly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const fs::path path = fs::path(dir.path().toStdString()) / "ids.npy";
    const NpyArray a = NpyArray::fromVector(std::vector<std::uint16_t>{7, 300, 65535, 0, 9, 12}, {2, 3});
    dq::writeNpy(path, a);
    const NpyFileInfo info = dq::inspectNpy(path);
    QCOMPARE(info.dtype, DType::UInt16);
    QCOMPARE(info.shape, std::vector<std::int64_t>({2, 3}));
    QVERIFY(!info.fortranOrder && !info.bigEndian);
    QCOMPARE(info.dataOffset % 64, std::uint64_t(0));
    const std::string bytes = fileBytes(path);
    QCOMPARE(bytes.size(), info.dataOffset + a.bytes.size());
    QCOMPARE(std::memcmp(bytes.data() + info.dataOffset, a.bytes.data(), a.bytes.size()), 0);
    // A truncated file is refused by its header's promise.
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size() - 2));
    bool threw = false;
    try {
        dq::inspectNpy(path);
    } catch (const dq::Error& e) {
        threw = QString(e.what()).contains("truncated");
    }
    QVERIFY(threw);
}

void TestNpy::rejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("fragment");
    const auto row = [](const char* name, const std::string& bytes, const char* fragment) {
        QTest::newRow(name) << QByteArray::fromStdString(bytes) << QString(fragment);
    };
    const std::string good = npyV1(kGoodHeader, std::string(48, '\0'));
    const std::string magic("\x93NUMPY", 6);

    row("empty file", "", "not a .npy file (bad magic");
    row("text file", "hello, world\n", "bad magic");
    row("wrong magic", "\x93NUMPZ" + good.substr(6), "bad magic");
    row("ends after magic", magic + "\x01", "truncated header: the file ends after 7 bytes");
    row("ends in header length", magic + std::string("\x01\x00\x76", 3), "truncated header: the file ends after 9 bytes");
    row("version 4.0", magic + std::string("\x04\x00", 2) + good.substr(8), "unsupported .npy format version 4.0");
    row("version 1.1", magic + std::string("\x01\x01", 2) + good.substr(8), "unsupported .npy format version 1.1");
    row("version 0.0", magic + std::string("\x00\x00", 2) + good.substr(8), "unsupported .npy format version 0.0");
    {
        std::string s = good;
        s[8] = '\xff';
        s[9] = '\xff';
        row("header longer than file", s, "truncated header: expected 65535 bytes of header, found");
    }
    row("version 2.0 header longer than file", magic + std::string("\x02\x00\x00\x00\x01\x00", 6) + kGoodHeader,
        "truncated header: expected 65536 bytes of header, found 60");
    row("header not a dict", withHeader("['descr', 'shape']"), "malformed header: expected a dict");
    row("missing shape", withHeader("{'descr': '<f4', 'fortran_order': False, }"), "malformed header: missing key 'shape'");
    row("missing descr", withHeader("{'fortran_order': False, 'shape': (3, 4), }"), "malformed header: missing key 'descr'");
    row("missing fortran_order", withHeader("{'descr': '<f4', 'shape': (3, 4), }"),
        "malformed header: missing key 'fortran_order'");
    row("unknown key", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), 'foo': 1}"),
        "malformed header: unexpected key 'foo'");
    row("duplicate key", withHeader("{'descr': '<f4', 'shape': (3, 4), 'fortran_order': False, 'shape': (3, 4)}"),
        "malformed header: duplicate key 'shape'");
    row("descr not a string", withHeader("{'descr': 5, 'fortran_order': False, 'shape': (3, 4), }"),
        "malformed header: 'descr' must be a string");
    row("fortran_order not a bool", withHeader("{'descr': '<f4', 'fortran_order': 0, 'shape': (3, 4), }"),
        "malformed header: 'fortran_order' must be True or False");
    row("shape a list", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': [3, 4], }"),
        "malformed header: 'shape' must be a tuple of integers");
    row("shape a bare int", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (12), }"),
        "malformed header: 'shape' must be a tuple of integers");
    row("shape of strings", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': ('3', 4), }"),
        "malformed header: 'shape' must be a tuple of integers");
    row("shape of floats", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3.0, 4), }"),
        "malformed header: unexpected character '.'");
    row("unterminated string", withHeader("{'descr': '<f4"), "malformed header: unterminated string");
    row("missing comma", withHeader("{'descr': '<f4' 'fortran_order': False, 'shape': (3, 4), }"),
        "malformed header: unexpected character ''' at offset 16");
    row("unterminated dict", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), "),
        "malformed header: unexpected end of header");
    row("text after the dict", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), } x"),
        "malformed header: unexpected text after the dict");
    row("unknown name", withHeader("{'descr': '<f4', 'fortran_order': false, 'shape': (3, 4), }"),
        "malformed header: unexpected name 'false'");
    row("nested too deeply",
        withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': " + std::string(200, '(') + std::string(200, ')') +
                   "}"),
        "malformed header: nested too deeply");
    row("complex64", withHeader("{'descr': '<c8', 'fortran_order': False, 'shape': (3, 4), }"),
        "unsupported dtype '<c8' (complex64)");
    row("object", withHeader("{'descr': '|O', 'fortran_order': False, 'shape': (3, 4), }"),
        "unsupported dtype '|O' (Python object)");
    row("unicode", withHeader("{'descr': '<U5', 'fortran_order': False, 'shape': (3, 4), }"),
        "unsupported dtype '<U5' (unicode string)");
    row("bool", withHeader("{'descr': '|b1', 'fortran_order': False, 'shape': (3, 4), }"), "unsupported dtype '|b1' (bool)");
    row("structured", withHeader("{'descr': [('a', '<i4'), ('b', '<f4')], 'fortran_order': False, 'shape': (3, 4), }"),
        "unsupported dtype: structured arrays");
    row("multi-byte without byte order", withHeader("{'descr': '|f4', 'fortran_order': False, 'shape': (3, 4), }"),
        "unsupported dtype '|f4': a multi-byte type needs a byte order");
    row("negative dimension", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 3), }"),
        "'shape' has a negative dimension (-1)");
    row("dimension beyond int64", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }"),
        "'shape' dimension 99999999999999999999 is too large");
    row("size overflows", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"),
        "'shape' (4294967296, 4294967296) is too large");
    row("truncated data", npyV1(kGoodHeader, std::string(20, '\0')), "truncated: expected 48 bytes of data, found 20");
    row("no data", npyV1(kGoodHeader, ""), "truncated: expected 48 bytes of data, found 0");
    row("trailing bytes", npyV1(kGoodHeader, std::string(52, '\0')),
        "trailing bytes: expected 48 bytes of data, found 52 (4 extra)");
    row("trailing bytes after empty", withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }", 3),
        "trailing bytes: expected 0 bytes of data, found 3");
}

void TestNpy::rejectsBadInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, fragment);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const fs::path path = fs::path(dir.path().toStdString()) / "bad-input.npy";
    dqtest::writeBytes(path, bytes.toStdString());
    const std::string where = path.string();
    const QByteArray what = fragment.toUtf8();
    DQ_EXPECT_ERROR(dq::readNpy(path), where.c_str(), what.constData());
    // decodeNpy names the source it is given.
    DQ_EXPECT_ERROR(dq::decodeNpy(bytes.toStdString(), "memory.npy"), "memory.npy: ", what.constData());
}

void TestNpy::reportsMissingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const fs::path path = fs::path(dir.path().toStdString()) / "absent.npy";
    const std::string where = path.string();
    DQ_EXPECT_ERROR(dq::readNpy(path), where.c_str(), "not found");
}

void TestNpy::atomicWriteLeavesNoTemporary()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const fs::path folder = dir.path().toStdString();
    const fs::path path = folder / "features.npy";
    dq::writeNpy(path, NpyArray::fromVector(std::vector<float>{1, 2, 3}));
    QCOMPARE(folderEntries(dir.path()), QStringList{"features.npy"});
    // Replacing the file keeps it whole and leaves nothing beside it.
    dq::writeNpy(path, NpyArray::fromVector(std::vector<std::int64_t>{4, 5}, {1, 2}));
    QCOMPARE(folderEntries(dir.path()), QStringList{"features.npy"});
    const NpyArray back = dq::readNpy(path);
    QCOMPARE(back.dtype, DType::Int64);
    QCOMPARE(back.toVector<std::int64_t>(), std::vector<std::int64_t>({4, 5}));
    // A failed write (the target is a folder) throws and removes its temporary file.
    fs::create_directory(folder / "taken.npy");
    const std::string taken = (folder / "taken.npy").string();
    DQ_EXPECT_ERROR(dq::writeNpy(taken, back), taken.c_str());
    QCOMPARE(folderEntries(dir.path()), QStringList({"features.npy", "taken.npy"}));
    QVERIFY(fs::is_empty(folder / "taken.npy"));
}

QTEST_APPLESS_MAIN(TestNpy)
#include "tst_Npy.moc"
