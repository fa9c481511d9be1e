#include "text/InstructionDataset.h"

#include "common/Error.h"
#include "common/FieldError.h"

namespace dq {

const char* instructionFormatName(InstructionFormat f)
{
    switch (f) {
    case InstructionFormat::Json:
        return "json";
    case InstructionFormat::JsonLines:
        return "jsonl";
    case InstructionFormat::Auto:
        break;
    }
    return "auto";
}

InstructionFormat parseInstructionFormat(const std::string& name)
{
    if (name == "auto")
        return InstructionFormat::Auto;
    if (name == "json")
        return InstructionFormat::Json;
    if (name == "jsonl" || name == "json-lines")
        return InstructionFormat::JsonLines;
    throw FieldError("format", "unknown format '" + name + "' (expected auto, json or jsonl)");
}

InstructionFields InstructionFields::parse(const std::string& list)
{
    std::vector<std::string> names;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = list.find(',', start);
        names.push_back(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    InstructionFields f;
    if (names.size() == 3) {
        f = {names[0], names[1], names[2]};
    } else if (names.size() == 2) {
        f = {names[0], "", names[1]};
    } else {
        throw FieldError("fields",
                         "expected INSTRUCTION,INPUT,OUTPUT or INSTRUCTION,OUTPUT field names, got '" + list + "'");
    }
    if (f.instruction.empty() || f.output.empty())
        throw FieldError("fields", "the instruction and output field names must not be empty in '" + list + "'");
    if (f.instruction == f.output || (!f.input.empty() && (f.input == f.instruction || f.input == f.output)))
        throw FieldError("fields", "the field names must differ, got '" + list + "'");
    return f;
}

std::string InstructionDataset::text(std::int64_t i) const
{
    const InstructionRecord& r = records.at(static_cast<std::size_t>(i));
    std::string t = r.instruction;
    if (!r.input.empty())
        t += " " + r.input;
    t += " " + r.output;
    return t;
}

std::string InstructionDataset::recordName(std::int64_t i) const
{
    return "record " + std::to_string(i) + " (line " + std::to_string(records.at(static_cast<std::size_t>(i)).line) + ")";
}

} // namespace dq
