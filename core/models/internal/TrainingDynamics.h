#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dq {

// Per-sample records of the selection training, one presentation at a time (the logits
// of the training forward pass, before that batch's step), for two scores:
// - forgetting (Toneva et al., ICLR 2019): the transitions from correctly to incorrectly
//   classified between consecutive presentations of a sample; a sample never classified
//   correctly counts as forgotten most (its presentations + 1, above any count possible);
// - AUM (Pleiss et al., NeurIPS 2020): the mean over presentations of the assigned logit
//   minus the largest other logit (low: hard or mislabelled).
class TrainingDynamics {
public:
    explicit TrainingDynamics(std::int64_t samples = 0);

    // One presentation of `sample`: whether the model's arg-max was its label, and its margin.
    void record(std::int64_t sample, bool correct, float margin);

    std::int64_t samples() const { return static_cast<std::int64_t>(presentations_.size()); }
    std::vector<float> forgettingScores() const;
    std::vector<float> areaUnderMargin() const;
    bool empty() const;

    // N x 3 float32 rows (events, presentations, margin sum; learned as the sign of
    // events: -1 - events when never learned) for a cache file, and back.
    std::vector<float> pack() const;
    static TrainingDynamics unpack(const std::vector<float>& rows, std::int64_t samples, const std::string& source);

private:
    std::vector<std::int32_t> events_, presentations_;
    std::vector<std::uint8_t> last_, learned_;
    std::vector<double> marginSum_;
};

} // namespace dq
