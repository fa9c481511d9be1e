#pragma once
#include <QCache>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace dq {
class Dataset;
struct Image;
} // namespace dq

namespace dqui {

// Thumbnails of a dataset's images, decoded on a private thread pool (ImageFolder
// images are decoded from disk on demand) and kept in a bounded cache. Views ask with
// thumbnail(); a miss queues the image and `ready` follows when it is there.
class ThumbnailCache : public QObject {
    Q_OBJECT

public:
    explicit ThumbnailCache(QObject* parent = nullptr);
    ~ThumbnailCache() override;

    void setDataset(std::shared_ptr<const dq::Dataset> dataset);
    const dq::Dataset* dataset() const { return dataset_.get(); }
    // A null image when it is not decoded yet (or the dataset holds no images).
    QImage thumbnail(qint64 index);
    int side() const { return side_; }

    // A dq::Image as a QImage (gray or RGB), scaled so that its longer side is `side`
    // (integer nearest-neighbour steps for small images, smooth for large ones).
    static QImage toQImage(const dq::Image& image, int side = 0);

signals:
    void ready(qint64 index);

private:
    std::shared_ptr<const dq::Dataset> dataset_;
    QThreadPool pool_;
    QCache<qint64, QImage> cache_;
    QSet<qint64> pending_;
    std::shared_ptr<std::atomic<int>> generation_;
    int side_ = 64;
};

} // namespace dqui
