#include "submodular/SubmodularFunction.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"

namespace dq {

void SubmodularFunction::gains(const std::vector<std::int64_t>& positions, std::vector<double>& out,
                               const CancelToken& cancel) const
{
    out.resize(positions.size());
    for (std::size_t k = 0; k < positions.size(); ++k) {
        if ((k & 4095) == 4095)
            cancel.throwIfCancelled();
        out[k] = gain(positions[k]);
    }
}

const char* functionName(FunctionKind k)
{
    switch (k) {
    case FunctionKind::GraphCut:
        return "graphcut";
    case FunctionKind::FacilityLocation:
        return "facility-location";
    case FunctionKind::LogDeterminant:
        return "log-det";
    }
    return "?";
}

FunctionKind parseFunction(const std::string& name)
{
    if (name == "graphcut")
        return FunctionKind::GraphCut;
    if (name == "facility-location")
        return FunctionKind::FacilityLocation;
    if (name == "log-det")
        return FunctionKind::LogDeterminant;
    throw FieldError("function", "unknown function '" + name + "' (expected graphcut, facility-location or log-det)");
}

} // namespace dq
