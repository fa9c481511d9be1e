#include "pixel/ReconstructionSpec.h"

#include "common/Error.h"
#include "common/FieldError.h"

namespace dq {

std::string ReconstructionSpec::text() const
{
    switch (kind) {
    case Kind::Mae:
        return "mae:" + file.string();
    case Kind::MaeCompact:
        return file.empty() ? "mae-compact" : "mae-compact:" + file.string();
    case Kind::Inpaint:
        return "inpaint:" + inpaintMethod;
    }
    return {};
}

ReconstructionSpec parseReconstructionSpec(const std::string& text, const std::string& field)
{
    const std::size_t colon = text.find(':');
    const std::string head = text.substr(0, colon);
    const std::string rest = colon == std::string::npos ? std::string() : text.substr(colon + 1);
    ReconstructionSpec s;
    if (head == "mae") {
        if (rest.empty())
            throw FieldError(field, "'mae' needs a checkpoint: mae:FILE (e.g. mae:mae_visualize_vit_large_ganloss.pth)");
        s.kind = ReconstructionSpec::Kind::Mae;
        s.file = rest;
    } else if (head == "mae-compact") {
        s.kind = ReconstructionSpec::Kind::MaeCompact;
        s.file = rest;
    } else if (head == "inpaint") {
        s.kind = ReconstructionSpec::Kind::Inpaint;
        s.inpaintMethod = rest.empty() ? "telea" : rest;
        if (s.inpaintMethod != "telea" && s.inpaintMethod != "ns")
            throw FieldError(field, "unknown inpainting method '" + s.inpaintMethod + "' (telea or ns)");
    } else {
        throw FieldError(field, "unknown reconstruction '" + text +
                                    "' (mae:FILE, mae-compact, mae-compact:FILE, inpaint, inpaint:telea, inpaint:ns)");
    }
    if (s.kind != ReconstructionSpec::Kind::Inpaint && colon != std::string::npos && rest.empty())
        throw FieldError(field, "'" + text + "' names no file");
    return s;
}

} // namespace dq
