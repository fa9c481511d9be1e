#pragma once
#include <QColor>
#include <QVector>

#include <cstdint>
#include <vector>

namespace dqui {

// The points of the embedding scatter: positions, the category each is coloured by (a
// bin or a class; -1: none), its class, whether the sample keeps it, whether the
// user's rectangle or lasso holds it and whether a compared method keeps it.
struct PointCloud {
    std::vector<float> x, y;
    std::vector<int> colorIndex;
    std::vector<int> label;
    std::vector<char> kept; // empty: no sample yet
    std::vector<char> highlighted; // empty: no selection
    std::vector<char> compared; // kept by a compared selection method (outlined); empty: none
    QVector<QRgb> colors; // by colorIndex
    QVector<bool> classVisible; // by label; empty or out of range: visible

    std::int64_t size() const { return static_cast<std::int64_t>(x.size()); }
    bool visible(std::int64_t i) const
    {
        const int l = label.empty() ? -1 : label[static_cast<std::size_t>(i)];
        return l < 0 || l >= classVisible.size() || classVisible[l];
    }
};

} // namespace dqui
