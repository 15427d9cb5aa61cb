package dev.vellum.core.ui.editors;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * The pages of an item editor stacked in one composite: a message page, shown instead of the
 * content when the item cannot be shown (no project, no item, an unreadable file), and the pages
 * the editor adds as children of {@link #root()}. One page is visible at a time.
 */
public final class EditorPages {
    private final Composite root;
    private final StackLayout stack = new StackLayout();
    private final Composite messagePage;
    private final Label messageText;

    /** Creates the stack in {@code parent} with its message page (not yet shown). */
    public EditorPages(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(stack);
        messagePage = new Composite(root, SWT.NONE);
        messagePage.setLayout(new GridLayout(1, false));
        messageText = new Label(messagePage, SWT.WRAP);
        messageText.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
    }

    /** The composite the editor creates its pages in. */
    public Composite root() {
        return root;
    }

    /** Shows {@code text} instead of the content; does nothing once the editor is disposed. */
    public void showMessage(String text) {
        if (!root.isDisposed()) {
            messageText.setText(text);
            show(messagePage);
        }
    }

    /** Makes {@code page}, a child of {@link #root()}, the visible page. */
    public void show(Control page) {
        raise(page);
        root.layout(true, true);
    }

    /**
     * Makes {@code page} the visible page without laying out, for an editor that lays out only
     * what changed (a full layout of a large page is slow).
     */
    public void raise(Control page) {
        stack.topControl = page;
    }

    /** Whether {@code page} is the visible page and the editor is not disposed. */
    public boolean isShowing(Control page) {
        return !root.isDisposed() && stack.topControl == page;
    }

    /** Whether {@code page} is the visible page. */
    public boolean isTop(Control page) {
        return stack.topControl == page;
    }

    /** The message shown instead of the content, or null when a content page is shown. */
    public String message() {
        return stack.topControl == messagePage ? messageText.getText() : null;
    }
}
