package dev.vellum.guidelines.ui.parts;

import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.views.SessionFollower;
import dev.vellum.guidelines.GuidelineDiff;
import dev.vellum.guidelines.GuidelineVersion;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.guidelines.ui.internal.ChangeNavigation;
import dev.vellum.guidelines.ui.internal.GuidelinesEvents;
import dev.vellum.guidelines.ui.internal.Problems;
import dev.vellum.guidelines.ui.internal.Widgets;
import dev.vellum.guidelines.ui.viewers.DiffViewer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * Two guideline texts side by side, any published version or the draft against any other, with
 * the changed lines and words marked and a way to step from change to change.
 */
public final class GuidelineDiffPart implements ChangeNavigation {
    private final SessionFollower follower = new SessionFollower(() -> this.root, SessionFollower::settingsChanged, this::reload);
    private ProjectSession session;
    private List<GuidelineVersion> versions = List.of();
    private final List<String> refs = new ArrayList<>();
    private String from;
    private String to;

    private Composite root;
    private Combo fromCombo;
    private Combo toCombo;
    private Button previous;
    private Button next;
    private Label status;
    private StackLayout pages;
    private Composite diffPage;
    private Composite messagePage;
    private Label message;
    private DiffViewer viewer;
    private GuidelineDiff diff;

    @PostConstruct
    void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(Widgets.tight(1, false));
        // The bar wraps: in a narrow view the status goes to a second line rather than being cut.
        Composite bar = new Composite(root, SWT.NONE);
        bar.setLayout(Widgets.wrappingBar(8, true));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        fromCombo = pair(bar, "&From:", "diff.from");
        toCombo = pair(bar, "&To:", "diff.to");
        for (Combo c : List.of(fromCombo, toCombo)) {
            c.addListener(SWT.Selection, e -> {
                int f = fromCombo.getSelectionIndex();
                int t = toCombo.getSelectionIndex();
                if (f >= 0 && t >= 0) {
                    compare(refs.get(f), refs.get(t));
                }
            });
        }
        button(bar, "S&wap", "Swap the two sides", () -> {
            if (from != null && to != null) {
                compare(to, from);
            }
        });
        previous = Widgets.id(button(bar, "\u25b2 &Previous", "Previous change (Ctrl+,)", this::previousChange), "diff.previous");
        next = Widgets.id(button(bar, "\u25bc &Next", "Next change (Ctrl+.)", this::nextChange), "diff.next");
        status = Widgets.id(new Label(bar, SWT.NONE), "diff.status");

        Composite body = new Composite(root, SWT.NONE);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        pages = new StackLayout();
        body.setLayout(pages);
        diffPage = new Composite(body, SWT.NONE);
        GridLayout dl = Widgets.tight(1, false);
        dl.marginWidth = 6;
        dl.marginBottom = 6;
        diffPage.setLayout(dl);
        viewer = new DiffViewer(diffPage);
        viewer.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.addChangeListener(this::updateStatus);
        messagePage = new Composite(body, SWT.NONE);
        GridLayout ml = new GridLayout(1, false);
        ml.marginWidth = 16;
        ml.marginHeight = 16;
        messagePage.setLayout(ml);
        message = Widgets.id(new Label(messagePage, SWT.WRAP), "diff.message");
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        reload();
    }

    private static Combo pair(Composite bar, String label, String id) {
        Composite pair = new Composite(bar, SWT.NONE);
        GridLayout gl = Widgets.tight(2, false);
        gl.horizontalSpacing = 6;
        pair.setLayout(gl);
        Label l = new Label(pair, SWT.NONE);
        l.setText(label);
        Combo c = Widgets.id(new Combo(pair, SWT.READ_ONLY), id);
        GridData gd = new GridData(SWT.LEFT, SWT.CENTER, false, false);
        gd.widthHint = 96;
        c.setLayoutData(gd);
        return c;
    }

    private static Button button(Composite bar, String text, String tooltip, Runnable action) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tooltip);
        b.setLayoutData(new RowData(Math.max(84, b.computeSize(SWT.DEFAULT, SWT.DEFAULT).x), SWT.DEFAULT));
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    @Focus
    void focus() {
        if (pages.topControl == diffPage) {
            viewer.right().setFocus();
        } else {
            fromCombo.setFocus();
        }
    }

    @Inject
    void setSession(@Optional ProjectSession newSession) {
        if (!follower.follow(newSession)) {
            return;
        }
        session = newSession;
        from = null;
        to = null;
        if (root != null && !root.isDisposed()) {
            reload();
        }
    }

    @PreDestroy
    void dispose() {
        follower.dispose();
    }

    @Inject
    @Optional
    void guidelinesChanged(@UIEventTopic(GuidelinesEvents.CHANGED) Object what) {
        if (root != null && !root.isDisposed()) {
            reload();
        }
    }


    /** Reads the versions again and shows the same comparison (by default the latest change). */
    public void reload() {
        refs.clear();
        fromCombo.removeAll();
        toCombo.removeAll();
        if (session == null) {
            showMessage("No project is open.");
            return;
        }
        Guidelines g = new Guidelines(session.stored());
        try {
            versions = g.versions();
        } catch (StoreException | RuntimeException e) {
            Problems.log(e);
            showMessage("The guidelines cannot be read: " + Problems.message(e));
            return;
        }
        for (GuidelineVersion v : versions) {
            refs.add(Integer.toString(v.number()));
            fromCombo.add("v" + v.number());
            toCombo.add("v" + v.number());
        }
        refs.add(Guidelines.DRAFT);
        fromCombo.add("Draft");
        toCombo.add("Draft");
        if (versions.isEmpty()) {
            showMessage("No version has been published yet: there is nothing to compare the draft with.");
            return;
        }
        String f = from;
        String t = to;
        if (f == null || t == null || !refs.contains(f) || !refs.contains(t)) {
            String last = Integer.toString(versions.get(versions.size() - 1).number());
            boolean draftChanged;
            try {
                draftChanged = !g.diff(last, Guidelines.DRAFT).isEmpty();
            } catch (StoreException | RuntimeException e) {
                draftChanged = false;
            }
            if (draftChanged || versions.size() == 1) {
                f = last;
                t = Guidelines.DRAFT;
            } else {
                f = Integer.toString(versions.get(versions.size() - 2).number());
                t = last;
            }
        }
        compare(f, t);
    }

    /** Compares two refs (version numbers or {@code draft}). */
    public void compare(String fromRef, String toRef) {
        if (session == null) {
            return;
        }
        from = fromRef;
        to = toRef;
        if (refs.indexOf(fromRef) >= 0) {
            fromCombo.select(refs.indexOf(fromRef));
        }
        if (refs.indexOf(toRef) >= 0) {
            toCombo.select(refs.indexOf(toRef));
        }
        try {
            diff = new Guidelines(session.stored()).diff(fromRef, toRef);
        } catch (StoreException | RuntimeException e) {
            Problems.log(e);
            showMessage("Cannot compare " + name(fromRef) + " with " + name(toRef) + ": " + Problems.message(e));
            return;
        }
        viewer.setTitles(title(fromRef), title(toRef));
        viewer.setInput(diff);
        pages.topControl = diffPage;
        diffPage.getParent().layout(true, true);
        viewer.align();
        if (viewer.changeCount() > 0) {
            viewer.reveal(0);
        }
        updateStatus();
    }

    private String title(String ref) {
        if (Guidelines.DRAFT.equals(ref)) {
            return "Draft";
        }
        return versions.stream().filter(v -> Integer.toString(v.number()).equals(ref)).findFirst()
                .map(v -> "v" + v.number() + "  \u00b7  " + Widgets.time(v.published()) + (v.author().isEmpty() ? "" : "  \u00b7  " + v.author()))
                .orElse(name(ref));
    }

    private static String name(String ref) {
        return Guidelines.DRAFT.equals(ref) ? "the draft" : "version " + ref;
    }

    private void showMessage(String text) {
        diff = null;
        message.setText(text);
        pages.topControl = messagePage;
        messagePage.getParent().layout(true, true);
        updateStatus();
    }

    private void updateStatus() {
        if (status == null || status.isDisposed()) {
            return;
        }
        int n = viewer.changeCount();
        String text;
        if (diff == null) {
            text = "";
        } else if (n == 0) {
            text = "No differences";
        } else {
            int c = viewer.currentChange();
            Set<String> sections = new LinkedHashSet<>();
            if (c >= 0) {
                int[] rows = viewer.change(c);
                for (int i = rows[0]; i <= rows[1]; i++) {
                    String s = viewer.rows().get(i).section();
                    if (!s.isEmpty()) {
                        sections.add(s);
                    }
                }
            }
            text = (c >= 0 ? "Change " + (c + 1) + " of " + n : Widgets.count(n, "change", "changes"))
                    + (sections.isEmpty() ? "" : "  \u00b7  in " + String.join(", ", sections));
        }
        status.setText(text.replace("&", "&&"));
        status.setToolTipText(text);
        previous.setEnabled(n > 0 && viewer.currentChange() > 0);
        next.setEnabled(n > 0 && viewer.currentChange() < n - 1);
        root.layout(true, true);
    }

    @Override
    public boolean nextChange() {
        return viewer.nextChange();
    }

    @Override
    public boolean previousChange() {
        return viewer.previousChange();
    }

    /** The side-by-side viewer. */
    public DiffViewer viewer() {
        return viewer;
    }

    /** The refs compared: from and to. */
    public List<String> compared() {
        return from == null ? List.of() : List.of(from, to);
    }
}
