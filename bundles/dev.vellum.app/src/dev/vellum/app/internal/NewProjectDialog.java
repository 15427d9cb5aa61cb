package dev.vellum.app.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Asks for a new project's name and the folder to create it in. The folder follows the name until
 * the user edits it, so the usual case needs one field.
 */
public final class NewProjectDialog extends TitleAreaDialog {
    private final Path home = Path.of(System.getProperty("user.home"), "vellum-projects");
    private Text nameText;
    private Text folderText;
    private boolean folderEdited;
    private String name = "";
    private String folder = "";

    public NewProjectDialog(Shell parent) {
        super(parent);
    }

    /** The project name entered. */
    public String name() {
        return name;
    }

    /** The folder to create the project in. */
    public String folder() {
        return folder;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("New Project");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Create a Vellum project");
        setMessage("A project is a folder holding the label schemas, guidelines and annotations.");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        GridLayout layout = new GridLayout(3, false);
        layout.marginWidth = 12;
        layout.marginHeight = 12;
        c.setLayout(layout);

        new Label(c, SWT.NONE).setText("&Name:");
        nameText = new Text(c, SWT.BORDER);
        nameText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        new Label(c, SWT.NONE).setText("&Folder:");
        folderText = new Text(c, SWT.BORDER);
        GridData fd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        fd.widthHint = 360;
        folderText.setLayoutData(fd);
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("&Browse\u2026");
        browse.addListener(SWT.Selection, e -> browse());

        nameText.addListener(SWT.Modify, e -> {
            if (!folderEdited) {
                folderText.setText(home.resolve(WorkbenchProject.idFor(nameText.getText())).toString());
            }
            validate();
        });
        folderText.addListener(SWT.Modify, e -> validate());
        folderText.addListener(SWT.KeyDown, e -> folderEdited = true);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Create", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        getButton(IDialogConstants.OK_ID).setEnabled(false);
    }

    private void browse() {
        DirectoryDialog d = new DirectoryDialog(getShell(), SWT.SAVE);
        d.setText("Project Folder");
        d.setMessage("Choose an empty folder, or the folder to create the project folder in");
        d.setFilterPath(folderText.getText().isBlank() ? home.toString() : folderText.getText());
        String chosen = d.open();
        if (chosen != null) {
            Path p = Path.of(chosen);
            if (isNonEmptyDirectory(p) && !nameText.getText().isBlank()) {
                p = p.resolve(WorkbenchProject.idFor(nameText.getText()));
            }
            folderEdited = true;
            folderText.setText(p.toString());
        }
    }

    private void validate() {
        String n = nameText.getText().strip();
        String f = folderText.getText().strip();
        String error = null;
        if (n.isEmpty()) {
            error = null;
        } else if (f.isEmpty()) {
            error = "Enter the folder to create the project in.";
        } else if (Files.exists(Path.of(f)) && !Files.isDirectory(Path.of(f))) {
            error = f + " is a file, not a folder.";
        } else if (isNonEmptyDirectory(Path.of(f))) {
            error = f + " is not empty: choose a new or empty folder.";
        }
        setErrorMessage(error);
        getButton(IDialogConstants.OK_ID).setEnabled(error == null && !n.isEmpty() && !f.isEmpty());
    }

    private static boolean isNonEmptyDirectory(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (var entries = Files.list(p)) {
            return entries.findAny().isPresent();
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Override
    protected void okPressed() {
        name = nameText.getText().strip();
        folder = Path.of(folderText.getText().strip()).toAbsolutePath().normalize().toString();
        super.okPressed();
    }
}
