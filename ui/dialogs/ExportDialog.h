#pragma once
#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace dqui {

// Where to export and what: the kept indices (.npy), the bins folder, and a report
// (HTML with the plots as PNG and the parameters as JSON). The window does the writing
// on a worker; the dialog then shows where everything went. (Reconstructed images and
// the quantized storage join here with the pixel stage.)
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    struct Choice {
        QString folder;
        bool indices = true, bins = true, report = true;
    };

    ExportDialog(const QString& folder, const QString& indicesName, QWidget* parent = nullptr);
    Choice choice() const;
    void setFolder(const QString& folder);
    void setWorking(bool working);
    void showWritten(const QStringList& paths);
    void showError(const QString& message);
    QString resultText() const;
    QPushButton* exportButton() const { return export_; }

signals:
    void exportRequested(const dqui::ExportDialog::Choice& choice);

private:
    QLineEdit* folder_;
    QCheckBox *indices_, *bins_, *report_;
    QLabel* result_;
    QPushButton *export_, *openFolder_;
    QDialogButtonBox* buttons_;
};

} // namespace dqui
