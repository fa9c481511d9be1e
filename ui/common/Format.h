#pragma once
#include <QString>
#include <QtGlobal>

namespace dqui {

// Numbers as people read them, in the current language.
struct Format {
    static QString bytes(double bytes); // "47.0 MB" (decimal units, as file managers show)
    static QString count(qint64 n); // "60,000"
    static QString percent(double fraction, int decimals = 1); // "12.5%"
    static QString duration(double seconds); // "45 s", "3 min 20 s", "1 h 5 min"
    // Python's repr of a float (0.125, 0.1, 1.0): the reference's file names use it.
    static QString pythonFloat(double value);
};

} // namespace dqui
