#include "pipeline/Results.h"

namespace dqui {

QStringList classNames(const DatasetState* dataset)
{
    QStringList out;
    if (dataset && dataset->bundle.train)
        for (const std::string& n : dataset->train().classNames())
            out.push_back(QString::fromStdString(n));
    return out;
}

} // namespace dqui
