#include "datasets/DatasetSpec.h"
#include "common/Error.h"
namespace dq {
DatasetBundle openDataset(const std::string& spec) { throw UsageError("--dataset", "unknown spec " + spec); }
std::string datasetSpecHelp() { return {}; }
}
