package dev.vellum.guidelines.ui.parts;

import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.guidelines.Faq;
import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.FaqStatus;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.guidelines.WhatChanged;
import dev.vellum.guidelines.ui.internal.EditorFocus;
import dev.vellum.guidelines.ui.internal.GuidelinesEvents;
import dev.vellum.guidelines.ui.internal.Problems;
import dev.vellum.guidelines.ui.internal.Widgets;
import dev.vellum.guidelines.ui.internal.Workbench;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Link;

/**
 * The guideline process in the status line, whatever the editor: when the guidelines changed since
 * the user last acknowledged them, a link to What Changed; and how many FAQ answers and open
 * questions concern the label of the selected annotation, a link (and F1) to them.
 */
public final class GuidelinesStatus {
    /** The command F1 runs. */
    static final String LABEL_GUIDELINES = "dev.vellum.guidelines.ui.command.labelGuidelines";

    @Inject
    @Optional
    ECommandService commands;
    @Inject
    @Optional
    EHandlerService handlers;
    @Inject
    @Optional
    EPartService parts;

    private ProjectSession session;
    private Composite root;
    private Link notice;
    private Link faqLink;
    private String label;
    /** The FAQ as last read; read again when the FAQ or the project changes, not on every selection. */
    private List<FaqEntry> entries;

    @PostConstruct
    void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginHeight = 3;
        layout.marginWidth = 8;
        layout.horizontalSpacing = 16;
        root.setLayout(layout);
        notice = link("status.whatChanged", () -> Workbench.show(parts, Workbench.WHAT_CHANGED, Object.class, true));
        faqLink = link("status.labelFaq", this::openLabelGuidelines);
        updateNotice();
        updateFaq();
    }

    private Link link(String id, Runnable action) {
        Link l = Widgets.id(new Link(root, SWT.NONE), id);
        l.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
        // A click anywhere on the text, not only on the underlined words.
        l.addListener(SWT.MouseUp, e -> {
            if (e.button == 1) {
                action.run();
            }
        });
        l.setCursor(root.getDisplay().getSystemCursor(SWT.CURSOR_HAND));
        return l;
    }

    @Inject
    void projectChanged(@Optional ProjectSession s) {
        session = s;
        label = null;
        entries = null;
        updateNotice();
        updateFaq();
    }

    @Inject
    void selectionChanged(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) Object selection,
            @Optional @Named(IServiceConstants.ACTIVE_PART) MPart active) {
        String l = EditorFocus.labelOf(selection, active);
        if (l != null && !l.equals(label)) {
            label = l;
            updateFaq();
        }
    }

    /** Reads the guidelines and the FAQ again (the views announce every change they make). */
    @Inject
    @Optional
    public void guidelinesChanged(@UIEventTopic(GuidelinesEvents.CHANGED) Object what) {
        entries = null;
        updateNotice();
        updateFaq();
    }

    /** The FAQ text shown, for tests: empty when nothing is shown. */
    public String text() {
        return shown(faqLink);
    }

    /** The what-changed notice shown, for tests: empty when the user is up to date. */
    public String noticeText() {
        return shown(notice);
    }

    private static String shown(Link l) {
        return l == null || !l.getVisible() ? "" : l.getText();
    }

    private void updateNotice() {
        String text = "";
        if (session != null && notice != null && !notice.isDisposed()) {
            try {
                Guidelines g = new Guidelines(session.stored());
                if (g.current() > 0) {
                    text = describe(g.whatChanged(session.user(), new Faq(session.stored())));
                }
            } catch (StoreException | RuntimeException e) {
                Problems.log(e);
            }
        }
        show(notice, text, "What changed in the guidelines and the FAQ since you last acknowledged them");
    }

    /** The notice for what {@code w}'s user has not seen yet: empty when up to date. */
    static String describe(WhatChanged w) {
        if (w.upToDate()) {
            return "";
        }
        String guidelines = w.fromVersion() == w.toVersion() ? ""
                : w.fromVersion() == 0 ? "guidelines v" + w.toVersion() + " not yet read"
                : "guidelines changed: v" + w.fromVersion() + " \u2192 v" + w.toVersion();
        String faq = w.newlyDecided().isEmpty() ? "" : Widgets.count(w.newlyDecided().size(), "new FAQ answer", "new FAQ answers");
        return "<a>" + (guidelines.isEmpty() ? "" : Character.toUpperCase(guidelines.charAt(0)) + guidelines.substring(1))
                + (guidelines.isEmpty() || faq.isEmpty() ? "" : ", ")
                + (guidelines.isEmpty() && !faq.isEmpty() ? Character.toUpperCase(faq.charAt(0)) + faq.substring(1) : faq) + "</a>";
    }

    private void updateFaq() {
        String text = "";
        if (session != null && label != null && !label.isEmpty()) {
            try {
                if (entries == null) {
                    entries = new Faq(session.stored()).list();
                }
                text = describe(label, entries);
            } catch (StoreException | RuntimeException e) {
                Problems.log(e);
            }
        }
        show(faqLink, text, text.isEmpty() ? null : "Show the FAQ and the guideline section about '" + label + "' (F1)");
    }

    private void show(Link l, String text, String tooltip) {
        if (l == null || l.isDisposed()) {
            return;
        }
        l.setText(text);
        l.setToolTipText(text.isEmpty() ? null : tooltip);
        l.setVisible(!text.isEmpty());
        ((GridData) l.getLayoutData()).exclude = text.isEmpty();
        root.requestLayout();
    }

    /** The link text for {@code label}: empty when no entry concerns it. */
    static String describe(String label, List<FaqEntry> entries) {
        long answers = 0;
        long open = 0;
        for (FaqEntry e : entries) {
            if (!e.labels().contains(label)) {
                continue;
            }
            if (e.status() == FaqStatus.DECIDED || e.status() == FaqStatus.PROMOTED) {
                answers++;
            } else if (e.status() == FaqStatus.OPEN) {
                open++;
            }
        }
        if (answers == 0 && open == 0) {
            return "";
        }
        String what = (answers > 0 ? Widgets.count(answers, "answer", "answers") : "")
                + (answers > 0 && open > 0 ? ", " : "") + (open > 0 ? Widgets.count(open, "open question", "open questions") : "");
        return "<a>FAQ on " + label.replace("&", "&&") + "</a>: " + what + "  (F1)";
    }

    private void openLabelGuidelines() {
        if (commands == null || handlers == null) {
            return;
        }
        ParameterizedCommand c = commands.createCommand(LABEL_GUIDELINES, null);
        if (c != null && handlers.canExecute(c)) {
            handlers.executeHandler(c);
        }
    }
}
