package dev.vellum.guidelines.ui.parts;

import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.views.SessionFollower;
import dev.vellum.guidelines.Acknowledgement;
import dev.vellum.guidelines.Faq;
import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.GuidelineDiff;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.guidelines.WhatChanged;
import dev.vellum.guidelines.ui.internal.ChangeNavigation;
import dev.vellum.guidelines.ui.internal.GuidelinesEvents;
import dev.vellum.guidelines.ui.internal.Problems;
import dev.vellum.guidelines.ui.internal.Widgets;
import dev.vellum.guidelines.ui.internal.Workbench;
import dev.vellum.guidelines.ui.viewers.DiffViewer;
import dev.vellum.core.ui.widgets.MarkdownViewer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * What the current user has not seen yet: how the guidelines changed since the version they last
 * acknowledged, and the FAQ decisions made since; acknowledging records that they have read them.
 */
public final class WhatChangedPart implements ChangeNavigation {
    private final IEventBroker broker;
    private final EPartService parts;
    private final SessionFollower follower = new SessionFollower(() -> this.root, SessionFollower::settingsChanged, this::reload);
    private ProjectSession session;
    private WhatChanged changes;

    private Composite root;
    private Label title;
    private Label subtitle;
    private Button acknowledge;
    private Button readButton;
    private SashForm body;
    private Composite diffPane;
    private Label diffCaption;
    private DiffViewer diff;
    private Composite decidedPane;
    private Label decidedCaption;
    private MarkdownViewer decided;

    @Inject
    public WhatChangedPart(@org.eclipse.e4.core.di.annotations.Optional IEventBroker broker,
            @org.eclipse.e4.core.di.annotations.Optional EPartService parts) {
        this.broker = broker;
        this.parts = parts;
    }

    @PostConstruct
    void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(Widgets.tight(1, false));
        LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(), root);
        Composite header = new Composite(root, SWT.NONE);
        GridLayout hl = Widgets.bar(3);
        hl.marginHeight = 8;
        header.setLayout(hl);
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Composite texts = new Composite(header, SWT.NONE);
        GridLayout tl = Widgets.tight(1, false);
        tl.verticalSpacing = 2;
        texts.setLayout(tl);
        texts.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        title = Widgets.id(new Label(texts, SWT.WRAP), "whatChanged.title");
        title.setFont(resources.create(FontDescriptor.createFrom(root.getFont()).setStyle(SWT.BOLD).increaseHeight(2)));
        GridData titleData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        titleData.widthHint = 200; // wraps in a narrow panel instead of being cut off
        title.setLayoutData(titleData);
        subtitle = Widgets.id(new Label(texts, SWT.WRAP), "whatChanged.subtitle");
        GridData subtitleData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        subtitleData.widthHint = 200;
        subtitle.setLayoutData(subtitleData);
        readButton = Widgets.button(header, "&Read the Guidelines", "Show the current guidelines", () -> Workbench.show(parts, Workbench.GUIDELINES,
                Object.class, true));
        acknowledge = Widgets.id(Widgets.button(header, "&Acknowledge", "Record that you have read these changes", this::acknowledge),
                "whatChanged.acknowledge");
        Label line = new Label(root, SWT.SEPARATOR | SWT.HORIZONTAL);
        line.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        body = new SashForm(root, SWT.VERTICAL | SWT.SMOOTH);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        diffPane = new Composite(body, SWT.NONE);
        GridLayout dl = Widgets.tight(1, false);
        dl.marginWidth = 6;
        dl.marginTop = 4;
        dl.verticalSpacing = 4;
        diffPane.setLayout(dl);
        diffCaption = caption(diffPane, resources);
        diff = new DiffViewer(diffPane);
        diff.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        decidedPane = new Composite(body, SWT.NONE);
        GridLayout cl = Widgets.tight(1, false);
        cl.marginTop = 6;
        decidedPane.setLayout(cl);
        decidedCaption = caption(decidedPane, resources);
        ((GridData) decidedCaption.getLayoutData()).horizontalIndent = 6;
        decided = new MarkdownViewer(decidedPane, SWT.NONE);
        Widgets.id(decided.getControl(), "whatChanged.decided");
        decided.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        decided.addLinkListener(d -> {
            FaqPart faq = Workbench.show(parts, Workbench.FAQ, FaqPart.class, true);
            if (faq != null && !faq.select(d)) {
                faq.clearFilters();
                faq.select(d);
            }
        });
        body.setWeights(62, 38);
        // Side by side when the view is wide, one above the other when it is tall.
        body.addListener(SWT.Resize, e -> {
            org.eclipse.swt.graphics.Rectangle r = body.getClientArea();
            int orientation = r.width >= r.height * 2 ? SWT.HORIZONTAL : SWT.VERTICAL;
            if (body.getOrientation() != orientation) {
                body.setOrientation(orientation);
            }
        });
        reload();
    }

    private Label caption(Composite parent, LocalResourceManager resources) {
        Label l = new Label(parent, SWT.NONE);
        l.setFont(resources.create(FontDescriptor.createFrom(root.getFont()).setStyle(SWT.BOLD)));
        l.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return l;
    }

    @Focus
    void focus() {
        if (acknowledge.isEnabled()) {
            acknowledge.setFocus();
        } else {
            decided.getControl().setFocus();
        }
    }

    @Inject
    void setSession(@org.eclipse.e4.core.di.annotations.Optional ProjectSession newSession) {
        if (!follower.follow(newSession)) {
            return;
        }
        session = newSession;
        if (root != null && !root.isDisposed()) {
            reload();
        }
    }

    @PreDestroy
    void dispose() {
        follower.dispose();
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void guidelinesChanged(@UIEventTopic(GuidelinesEvents.CHANGED) Object what) {
        if (root != null && !root.isDisposed()) {
            reload();
        }
    }


    /** What is shown, or null when nothing could be read. */
    public WhatChanged changes() {
        return changes;
    }

    /** Reads what changed for the current user again. */
    public void reload() {
        changes = null;
        if (session == null) {
            show("No project is open", "Open a project to see what changed in its guidelines.", false);
            return;
        }
        String user = session.user();
        Guidelines g = new Guidelines(session.stored());
        Optional<Acknowledgement> ack;
        try {
            changes = g.whatChanged(user, new Faq(session.stored()));
            ack = g.acknowledged(user);
        } catch (StoreException | RuntimeException e) {
            Problems.log(e);
            show("What changed cannot be read", Problems.message(e), false);
            return;
        }
        int from = changes.fromVersion();
        int to = changes.toVersion();
        String since = ack.map(a -> "You (" + user + ") acknowledged v" + a.version() + " on " + Widgets.time(a.time()) + ".")
                .orElse("You (" + user + ") have not acknowledged any version yet.");
        if (changes.upToDate()) {
            show(to == 0 ? "No guidelines published yet" : "You are up to date with guidelines v" + to,
                    since + (to == 0 ? " Nothing to acknowledge." : " Nothing changed since."), false);
            diffPane.setVisible(false);
            body.setMaximizedControl(decidedPane);
            decidedCaption.setText("");
            decided.setMarkdown("*Nothing new.* New guideline versions and FAQ decisions will show here until you acknowledge them.");
            return;
        }
        int n = changes.newlyDecided().size();
        String what = (from == to ? "" : from == 0 ? "Guidelines v" + to : "Guidelines v" + from + " \u2192 v" + to)
                + (from != to && n > 0 ? " and " : "") + (n > 0 ? Widgets.count(n, "new FAQ decision", "new FAQ decisions") : "");
        show("What changed: " + what, since + " Read the changes below, then acknowledge them.", true);
        boolean guidelinesChanged = from != to && from > 0;
        if (guidelinesChanged) {
            GuidelineDiff d = changes.diff();
            int sections = d.sectionsTouched().size();
            diffCaption.setText("Guidelines v" + from + " \u2192 v" + to + (sections == 0 ? ""
                    : "  \u00b7  " + Widgets.count(sections, "section", "sections") + " changed"));
            diffCaption.setToolTipText(sections == 0 ? null : "Changed: " + String.join(", ", d.sectionsTouched()));
            diff.setTitles("v" + from + " (you acknowledged)", "v" + to + " (current)");
            diff.setInput(d);
        } else {
            diff.setInput(null);
        }
        decidedCaption.setText(n == 0 ? "No new FAQ decisions" : "FAQ decisions since you last acknowledged");
        decided.setMarkdown(decisions());
        if (!guidelinesChanged) {
            body.setMaximizedControl(decidedPane);
            if (from == 0 && to > 0) {
                decidedCaption.setText((n == 0 ? "" : decidedCaption.getText() + "  \u00b7  ")
                        + "Read guidelines v" + to + " in the Guidelines view");
            }
        } else if (n == 0) {
            body.setMaximizedControl(diffPane);
        } else {
            body.setMaximizedControl(null);
        }
        diffPane.setVisible(guidelinesChanged);
        root.layout(true, true);
        if (guidelinesChanged) {
            diff.align();
            if (diff.changeCount() > 0) {
                diff.reveal(0);
            }
        }
    }

    private String decisions() {
        if (changes.newlyDecided().isEmpty()) {
            return "*No FAQ entry was decided since.*";
        }
        StringBuilder b = new StringBuilder();
        for (FaqEntry e : changes.newlyDecided()) {
            b.append("#### [").append(e.id()).append("](").append(e.id()).append(") ").append(MarkdownViewer.escape(e.question())).append("\n\n");
            b.append(e.answer().strip()).append("\n\n");
            b.append("*").append(FaqPart.statusName(e.status()));
            if (!e.labels().isEmpty()) {
                b.append(" \u00b7 ").append(MarkdownViewer.escape(String.join(", ", e.labels())));
            }
            b.append(" \u00b7 decided by ").append(MarkdownViewer.escape(e.decidedBy())).append(", ").append(Widgets.time(e.decided()))
                    .append("*\n\n");
        }
        return b.toString();
    }

    private void show(String titleText, String subtitleText, boolean canAcknowledge) {
        title.setText(titleText.replace("&", "&&"));
        subtitle.setText(subtitleText.replace("&", "&&"));
        acknowledge.setEnabled(canAcknowledge);
        readButton.setEnabled(session != null && changes != null && changes.toVersion() > 0);
        if (!canAcknowledge && changes == null) {
            body.setMaximizedControl(decidedPane);
            decidedCaption.setText("");
            decided.setMarkdown("");
        }
        root.layout(true, true);
    }

    /** Records that the user has read what is shown. */
    public void acknowledge() {
        if (session == null || changes == null) {
            return;
        }
        try {
            new Guidelines(session.stored()).acknowledge(session.user());
        } catch (StoreException | RuntimeException e) {
            Problems.show(root.getShell(), "Cannot Acknowledge", e);
            return;
        }
        reload();
        GuidelinesEvents.changed(broker, "acknowledged");
    }

    /** The diff of the guideline versions. */
    public DiffViewer diff() {
        return diff;
    }

    @Override
    public boolean nextChange() {
        return diff.nextChange();
    }

    @Override
    public boolean previousChange() {
        return diff.previousChange();
    }
}
