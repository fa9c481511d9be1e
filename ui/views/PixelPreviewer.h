#pragma once
#include "pipeline/Job.h"

#include <QImage>
#include <QObject>
#include <QString>

#include <memory>

namespace dq {
class Dataset;
class PixelSession;
struct PixelParams;
struct PixelPreview;
} // namespace dq

namespace dqui {

class JobRunner;

// One sample through pixel quantization, as the pixel view draws it (the images made on
// the worker, so the GUI thread only paints).
struct PixelPreviewImages {
    std::shared_ptr<const dq::PixelPreview> preview;
    QImage original, heatmap, kept, reconstruction;
};

// The pixel view's worker: holds a PixelSession (the Pixels stage's, or one it builds
// itself on its thread when the view is opened before the stage ran) and computes
// previews on that thread, never on the GUI thread. Requests are coalesced: while one
// preview is computed only the latest request waits, so dragging a slider costs one
// preview each time the worker is free. Destroying it cancels a build and joins.
class PixelPreviewer : public QObject {
    Q_OBJECT

public:
    explicit PixelPreviewer(QObject* parent = nullptr);
    ~PixelPreviewer() override;

    // Takes the session the Pixels stage built (a build in progress is cancelled).
    void adopt(std::shared_ptr<dq::PixelSession> session, const QString& key);
    // Builds a session on the worker (may train the CAM classifier and the compact MAE).
    void build(std::shared_ptr<const dq::Dataset> data, const dq::PixelParams& params, const QString& key);
    void cancelBuild();
    void reset();

    // The key of the session held or being built (empty: none).
    QString key() const { return key_; }
    bool hasSession() const { return session_ != nullptr; }
    bool isBuilding() const { return building_; }
    std::shared_ptr<dq::PixelSession> session() const { return session_; }

    void request(qint64 index, double maskRatio);
    std::shared_ptr<const PixelPreviewImages> latest() const { return latest_; }
    int computedCount() const { return computed_; }
    bool isComputing() const { return computing_; }

signals:
    void buildProgress(const dqui::JobProgress& progress);
    void buildingChanged(bool building);
    void sessionReady();
    void buildFailed(const QString& message);
    void previewReady();
    void previewFailed(const QString& message);

private:
    void startNext();
    void setBuilding(bool building);
    void onFinished();
    void onFailed(const QString& message);
    void onCancelled();

    JobRunner* runner_;
    std::shared_ptr<Job> pendingBuild_; // waits for the preview running on the worker
    std::shared_ptr<dq::PixelSession> session_;
    QString key_;
    bool building_ = false, computing_ = false;
    bool hasPending_ = false;
    qint64 pendingIndex_ = -1;
    double pendingMask_ = 0;
    std::shared_ptr<const PixelPreviewImages> latest_;
    int computed_ = 0;
};

} // namespace dqui
