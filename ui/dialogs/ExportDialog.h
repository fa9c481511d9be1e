#pragma once
#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace dqui {

// Where to export and what: the kept indices (.npy), the bins folder, the reconstructed
// images (an ImageFolder tree with its manifest) and the quantized storage (the kept
// patches) of the Pixels stage, and a report (HTML with the plots as PNG and the
// parameters as JSON). The window does the writing on a worker; the dialog then shows
// where everything went.
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    struct Choice {
        QString folder;
        bool indices = true, bins = true, report = true;
        bool images = false, quantized = false; // the Pixels stage's outputs
    };

    ExportDialog(const QString& folder, const QString& indicesName, QWidget* parent = nullptr);
    // Instruction data: one choice, the subset SUBSET.json (the kept records in the input's
    // format) with SUBSET.indices.npy and SUBSET.json.meta.json, as dq text writes them.
    void setInstructionSubset(const QString& subsetName);
    // The Pixels stage's outputs can be chosen once it is up to date; else `reason` says
    // why not (and they are left out).
    void setPixelOutputs(bool available, const QString& reason = QString());
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
    QCheckBox *indices_, *bins_, *images_, *quantized_, *report_;
    QLabel *note_, *result_;
    QPushButton *export_, *openFolder_;
    QDialogButtonBox* buttons_;
};

} // namespace dqui
