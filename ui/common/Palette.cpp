#include "common/Palette.h"

namespace dqui {

QColor Palette::category(int i)
{
    static const QRgb tableau[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                   0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
    if (i < 0)
        return unassigned();
    if (i < 10)
        return QColor(tableau[i]);
    // Golden-angle hues: neighbours stay apart however many bins there are.
    return QColor::fromHsv(static_cast<int>((i * 137.508)) % 360, 170, 210);
}

QVector<QRgb> Palette::categories(int n)
{
    QVector<QRgb> out;
    out.reserve(n);
    for (int i = 0; i < n; ++i)
        out.push_back(category(i).rgb());
    return out;
}

} // namespace dqui
