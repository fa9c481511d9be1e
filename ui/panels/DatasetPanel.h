#pragma once
#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace dqui {

struct DatasetState;

// Where the data comes from: Fashion-MNIST in one click, a folder (IDX, CIFAR-10,
// ImageFolder), precomputed features, instruction data (JSON), a spec typed by hand, or a
// recent dataset.
class DatasetPanel : public QWidget {
    Q_OBJECT

public:
    explicit DatasetPanel(QWidget* parent = nullptr);

    void setDataset(const DatasetState* dataset);
    void setBusy(bool busy);
    void refreshRecent();
    QPushButton* fashionMnistButton() const { return fashion_; }
    QPushButton* instructionsButton() const { return instructions_; }
    // Asks for instruction data (JSON or JSON Lines) and, optionally, its embeddings
    // (.npy), then requests the text: spec.
    void chooseInstructions();

signals:
    void openRequested(const QString& spec);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void chooseFolder(const QString& prefix, const QString& title);
    void chooseFeatures();

    QGroupBox* box_;
    QPushButton *fashion_, *idx_, *cifar_, *folder_, *features_, *instructions_, *open_;
    QLineEdit* spec_;
    QLabel *specLabel_, *recentLabel_, *summary_;
    QComboBox* recent_;
    const DatasetState* dataset_ = nullptr;
};

} // namespace dqui
