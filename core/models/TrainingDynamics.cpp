#include "models/internal/TrainingDynamics.h"

#include "common/Error.h"

#include <cmath>

namespace dq {

TrainingDynamics::TrainingDynamics(std::int64_t samples)
        : events_(static_cast<std::size_t>(samples), 0), presentations_(static_cast<std::size_t>(samples), 0),
          last_(static_cast<std::size_t>(samples), 0), learned_(static_cast<std::size_t>(samples), 0),
          marginSum_(static_cast<std::size_t>(samples), 0.0)
{ }

void TrainingDynamics::record(std::int64_t sample, bool correct, float margin)
{
    const auto i = static_cast<std::size_t>(sample);
    if (presentations_[i] > 0 && last_[i] && !correct)
        ++events_[i];
    last_[i] = correct ? 1 : 0;
    learned_[i] |= last_[i];
    ++presentations_[i];
    marginSum_[i] += margin;
}

bool TrainingDynamics::empty() const
{
    for (const std::int32_t p : presentations_)
        if (p > 0)
            return false;
    return true;
}

std::vector<float> TrainingDynamics::forgettingScores() const
{
    std::vector<float> out(events_.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<float>(learned_[i] ? events_[i] : presentations_[i] + 1);
    return out;
}

std::vector<float> TrainingDynamics::areaUnderMargin() const
{
    std::vector<float> out(marginSum_.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = presentations_[i] > 0 ? static_cast<float>(marginSum_[i] / presentations_[i]) : 0.0f;
    return out;
}

std::vector<float> TrainingDynamics::pack() const
{
    std::vector<float> rows;
    rows.reserve(events_.size() * 3);
    for (std::size_t i = 0; i < events_.size(); ++i) {
        rows.push_back(learned_[i] ? static_cast<float>(events_[i]) : -1.0f - static_cast<float>(events_[i]));
        rows.push_back(static_cast<float>(presentations_[i]));
        rows.push_back(static_cast<float>(marginSum_[i]));
    }
    return rows;
}

TrainingDynamics TrainingDynamics::unpack(const std::vector<float>& rows, std::int64_t samples, const std::string& source)
{
    if (static_cast<std::int64_t>(rows.size()) != samples * 3)
        throw Error(source, "holds " + std::to_string(rows.size()) + " values, not 3 per sample for " +
                                std::to_string(samples) + " samples");
    TrainingDynamics d(samples);
    for (std::size_t i = 0; i < static_cast<std::size_t>(samples); ++i) {
        const float e = rows[3 * i];
        if (!std::isfinite(e) || !std::isfinite(rows[3 * i + 2]))
            throw Error(source, "row " + std::to_string(i) + " is not a number");
        d.learned_[i] = e >= 0 ? 1 : 0;
        d.events_[i] = static_cast<std::int32_t>(e >= 0 ? e : -1.0f - e);
        d.presentations_[i] = static_cast<std::int32_t>(rows[3 * i + 1]);
        d.marginSum_[i] = rows[3 * i + 2];
    }
    return d;
}

} // namespace dq
