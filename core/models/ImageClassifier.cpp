#include "models/internal/ImageClassifier.h"

namespace dq {

ClassifierOutput ImageClassifier::run(const torch::Tensor& images)
{
    ClassifierOutput out;
    out.featureMap = featureMap(images);
    out.embedding = embed(out.featureMap);
    out.logits = head()->forward(out.embedding);
    return out;
}

} // namespace dq
