#include "views/ThumbnailCache.h"

#include "datasets/Dataset.h"

#include <QPointer>

namespace dqui {

ThumbnailCache::ThumbnailCache(QObject* parent)
        : QObject(parent), cache_(6000), generation_(std::make_shared<std::atomic<int>>(0))
{
    pool_.setMaxThreadCount(1); // leave the cores to the stages
}

ThumbnailCache::~ThumbnailCache()
{
    pool_.clear();
    pool_.waitForDone(); // at most the one image being decoded
}

void ThumbnailCache::setDataset(std::shared_ptr<const dq::Dataset> dataset)
{
    ++*generation_;
    pool_.clear();
    cache_.clear();
    pending_.clear();
    dataset_ = dataset && dataset->kind() == dq::SampleKind::Image ? std::move(dataset) : nullptr;
}

QImage ThumbnailCache::thumbnail(qint64 index)
{
    if (!dataset_ || index < 0 || index >= dataset_->size())
        return {};
    if (const QImage* hit = cache_.object(index))
        return *hit;
    if (pending_.contains(index))
        return {};
    pending_.insert(index);
    const auto data = dataset_;
    const auto generation = generation_;
    const int wanted = generation->load();
    const int side = side_;
    QPointer<ThumbnailCache> self(this);
    pool_.start([=] {
        if (generation->load() != wanted)
            return;
        QImage image;
        try {
            image = toQImage(data->image(index), side);
        } catch (const std::exception&) {
            image = QImage(side, side, QImage::Format_RGB32);
            image.fill(QColor(230, 200, 200)); // unreadable file: a pink tile
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, wanted, index, image] {
                if (!self || generation->load() != wanted)
                    return;
                self->pending_.remove(index);
                self->cache_.insert(index, new QImage(image));
                emit self->ready(index);
            },
            Qt::QueuedConnection);
    });
    return {};
}

QImage ThumbnailCache::toQImage(const dq::Image& im, int side)
{
    if (im.width <= 0 || im.height <= 0 || im.pixels.empty())
        return {};
    QImage q;
    if (im.channels == 1)
        q = QImage(im.pixels.data(), im.width, im.height, im.width, QImage::Format_Grayscale8).copy();
    else if (im.channels == 3)
        q = QImage(im.pixels.data(), im.width, im.height, im.width * 3, QImage::Format_RGB888).copy();
    else if (im.channels == 4)
        q = QImage(im.pixels.data(), im.width, im.height, im.width * 4, QImage::Format_RGBA8888).copy();
    else
        return {};
    if (side <= 0)
        return q;
    const int longer = std::max(im.width, im.height);
    if (longer < side) {
        const int f = std::max(1, side / longer); // crisp pixels for 28 x 28 digits and clothes
        return q.scaled(im.width * f, im.height * f, Qt::KeepAspectRatio, Qt::FastTransformation);
    }
    return q.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

} // namespace dqui
