#include "pipeline/ExportJob.h"

#include "evaluation/EvaluationFolder.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/Format.h"
#include "common/Progress.h"
#include "io/Npy.h"

#include <QBuffer>

#include <filesystem>

namespace fs = std::filesystem;

namespace dqui {
namespace {

// Copies the tree `from` (files and folders) into `to`, checking cancel between files.
void copyTree(const fs::path& from, const fs::path& to, const dq::CancelToken& cancel)
{
    fs::create_directories(to);
    for (const auto& entry : fs::recursive_directory_iterator(from)) {
        cancel.throwIfCancelled();
        const fs::path target = to / fs::relative(entry.path(), from);
        if (entry.is_directory())
            fs::create_directories(target);
        else if (entry.is_regular_file())
            fs::copy_file(entry.path(), target);
    }
}

// Copies the named entries of a folder of the Pixels stage (all of it when none are
// named) into `target`, atomically.
void copyPixelOutput(const fs::path& pixelFolder, const fs::path& target, const char* marker,
                     std::initializer_list<const char*> entries, const dq::CancelToken& cancel)
{
    dq::refuseForeignFolder(target, marker);
    dq::AtomicDirectory dir(target);
    if (entries.size() == 0)
        copyTree(pixelFolder, dir.staging(), cancel);
    for (const char* e : entries) {
        const fs::path from = pixelFolder / e;
        std::error_code ec;
        if (fs::is_directory(from, ec))
            copyTree(from, dir.staging() / e, cancel);
        else if (fs::is_regular_file(from, ec))
            fs::copy_file(from, dir.staging() / e);
        else
            throw dq::Error(from.string(), "is missing from the Pixels stage's folder: run the Pixels stage again");
    }
    cancel.throwIfCancelled();
    dir.commit();
}

} // namespace

QString ExportJob::indicesFileName(const QString& name, double ratio)
{
    return QStringLiteral("select_indices_%1_%2.npy").arg(name, Format::pythonFloat(ratio));
}

void ExportJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    const ExportRequest& r = request_;
    if (r.folder.isEmpty())
        throw dq::UsageError("export", "no folder chosen");
    const fs::path root = r.folder.toStdString();
    progress.setStage("export", 5);
    std::error_code ec;
    fs::create_directories(root, ec);
    if (!fs::is_directory(root, ec))
        throw dq::Error(root.string(), "cannot create the folder");

    if (r.indices) {
        if (r.selected.empty())
            throw dq::UsageError("export", "nothing is selected yet: run the Sample stage first");
        const fs::path file = root / indicesFileName(r.name, r.ratio).toStdString();
        dq::writeNpy(file, dq::NpyArray::fromVector(r.selected));
        written << QString::fromStdString(file.string());
    }
    progress.advance();
    cancel.throwIfCancelled();

    if (r.bins) {
        const fs::path from = r.binsFolder.toStdString();
        if (r.binsFolder.isEmpty() || !fs::is_regular_file(from / "bins.json", ec))
            throw dq::UsageError("export", "no bins yet: run the Bins stage first");
        const fs::path target = root / "bins";
        dq::refuseForeignFolder(target, "bins.json");
        dq::AtomicDirectory dir(target);
        for (const auto& entry : fs::directory_iterator(from)) {
            cancel.throwIfCancelled();
            if (entry.is_regular_file())
                fs::copy_file(entry.path(), dir.staging() / entry.path().filename());
        }
        dir.commit();
        written << QString::fromStdString(target.string());
    }
    progress.advance();
    cancel.throwIfCancelled();

    if ((r.images || r.quantized) &&
        (r.pixelFolder.isEmpty() || !fs::is_regular_file(fs::path(r.pixelFolder.toStdString()) / "pixel.json", ec)))
        throw dq::UsageError("export", "no reconstructed images yet: run the Pixels stage first");
    const fs::path pixel = r.pixelFolder.toStdString();
    if (r.images) {
        // The layout core writes: imagefolder:DIR reads it back in index order.
        const fs::path target = root / "reconstructed";
        copyPixelOutput(pixel, target, "manifest.csv", {"images", "manifest.csv", "pixel.json"}, cancel);
        written << QString::fromStdString(target.string());
    }
    progress.advance();
    if (r.quantized) {
        const fs::path target = root / "quantized";
        if (!fs::is_regular_file(pixel / "quantized" / "meta.json", ec))
            throw dq::Error((pixel / "quantized").string(), "holds no meta.json: run the Pixels stage again");
        copyPixelOutput(pixel / "quantized", target, "meta.json", {}, cancel);
        written << QString::fromStdString(target.string());
    }
    progress.advance();
    cancel.throwIfCancelled();

    if (r.report && r.evaluation) {
        const fs::path target = root / "evaluation";
        dq::writeEvaluationFolder(target, *r.evaluation);
        written << QString::fromStdString(target.string());
    }
    if (r.report && r.comparison) {
        const fs::path target = root / "comparison";
        dq::writeEvaluationFolder(target, *r.comparison);
        written << QString::fromStdString(target.string());
    }
    cancel.throwIfCancelled();

    if (r.report) {
        const fs::path target = root / "report";
        dq::refuseForeignFolder(target, "parameters.json");
        dq::AtomicDirectory dir(target);
        for (const auto& plot : r.plots) {
            cancel.throwIfCancelled();
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            if (!plot.second.save(&buffer, "PNG"))
                throw dq::Error((target / plot.first.toStdString()).string(), "could not encode the plot as PNG");
            dq::writeFileAtomically(dir.staging() / plot.first.toStdString(), std::string_view(png.constData(), png.size()));
        }
        dq::writeFileAtomically(dir.staging() / "parameters.json",
                                std::string_view(r.parametersJson.constData(), r.parametersJson.size()));
        const QByteArray html = r.reportHtml.toUtf8();
        dq::writeFileAtomically(dir.staging() / "index.html", std::string_view(html.constData(), html.size()));
        dir.commit();
        written << QString::fromStdString((target / "index.html").string());
    }
    progress.advance();
    progress.finishStage();
}

} // namespace dqui
