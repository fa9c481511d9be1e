#pragma once
#include <QDialog>

class QLabel;

namespace dqui {

// One sample, large: the image, its index, class, bin and whether the sample keeps it.
// (The pixel view of a sample, GradCAM and reconstruction, joins here with the pixel stage.)
class SampleDialog : public QDialog {
    Q_OBJECT

public:
    struct Info {
        qint64 index = -1;
        QImage image;
        QString className; // empty: unlabelled
        int bin = -1;
        int bins = 0;
        int kept = -1; // -1: no sample yet
    };
    explicit SampleDialog(const Info& info, QWidget* parent = nullptr);
    QString detailsText() const;

private:
    QLabel* picture_;
    QLabel* details_;
};

} // namespace dqui
