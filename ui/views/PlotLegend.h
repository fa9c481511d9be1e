#pragma once

class QCustomPlot;

namespace dqui {

// Moves a plot's legend out of the axis rect into a row of its own under it, laid out
// in columns that wrap after `columns` entries: a legend there never covers a bar.
void placeLegendBelow(QCustomPlot* plot, int columns);
// Shows or hides that legend; hidden, its row is taken out so it leaves no gap.
void setLegendBelowVisible(QCustomPlot* plot, bool visible);

} // namespace dqui
