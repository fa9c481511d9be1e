#include "pipeline/Results.h"

namespace dqui {

std::shared_ptr<SampleState> sampleState(const SampleRequest& request, dq::SampleResult result)
{
    auto s = std::make_shared<SampleState>();
    s->key = request.key;
    s->result = std::move(result);
    s->selected.assign(static_cast<std::size_t>(request.rows), 0);
    for (const std::int64_t i : s->result.indices)
        if (i >= 0 && i < request.rows)
            s->selected[static_cast<std::size_t>(i)] = 1;
    return s;
}

QStringList classNames(const DatasetState* dataset)
{
    QStringList out;
    if (dataset && dataset->bundle.train)
        for (const std::string& n : dataset->train().classNames())
            out.push_back(QString::fromStdString(n));
    return out;
}

} // namespace dqui
