#pragma once
#include <QImage>
#include <QWidget>

#include <vector>

namespace dqui {

// One image of the pixel view, drawn as large as fits: small images (up to 64 pixels)
// scaled by a whole factor with nearest-neighbour sampling so that every pixel stays a
// crisp square, larger ones smoothly. Optionally the patch grid on top, with the dropped
// patches hatched.
class PatchPanel : public QWidget {
    Q_OBJECT

public:
    explicit PatchPanel(QWidget* parent = nullptr);

    void setImage(const QImage& image); // at the image's own size
    // rows x cols patches over the image (0: no grid); `dropped` holds patch ids.
    void setGrid(int rows, int cols, std::vector<int> dropped = {});
    void clear();

    const QImage& image() const { return image_; }
    int droppedCount() const { return static_cast<int>(dropped_.size()); }
    // Where the image is drawn, in widget coordinates (empty without an image).
    QRect imageRect() const;

    QSize sizeHint() const override { return {240, 240}; }
    QSize minimumSizeHint() const override { return {112, 112}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width; } // square cells

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage image_;
    int rows_ = 0, cols_ = 0;
    std::vector<int> dropped_;
};

} // namespace dqui
