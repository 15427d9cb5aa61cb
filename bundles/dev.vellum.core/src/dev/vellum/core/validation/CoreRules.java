package dev.vellum.core.validation;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AnnotationRule;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.Finding.Severity;
import dev.vellum.core.spi.Modality;
import dev.vellum.core.spi.ValidationRule;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The rules every project has, whatever modalities are installed. */
final class CoreRules {
    private CoreRules() {
    }

    static List<ValidationRule> all() {
        return List.of(new UnknownLabel(), new Attributes(), new Payload(), new MissingMedia());
    }

    /** Core's per-annotation rules report errors. */
    abstract static class PerAnnotation extends AnnotationRule {
        PerAnnotation() {
            super(Severity.ERROR);
        }
    }

    /** Labels not defined in the project's schema for the item's modality. */
    static final class UnknownLabel extends PerAnnotation {
        @Override
        public String id() {
            return "schema.unknown-label";
        }

        @Override
        public String description() {
            return "Annotation label not defined in the project's label schema";
        }

        @Override
        protected void check(ValidationContext context, Item item, AnnotationSet set, Annotation a, Consumer<String> problems) {
            Optional<LabelSchema> schema = context.project().schema(item.modalityId());
            if (schema.isPresent() && !a.label().isEmpty() && schema.get().labelClass(a.label()).isEmpty()) {
                problems.accept("label '" + a.label() + "' is not in the " + item.modalityId() + " label schema");
            }
        }
    }

    /** Required attributes missing, and values outside the allowed ones. */
    static final class Attributes extends PerAnnotation {
        @Override
        public String id() {
            return "schema.attributes";
        }

        @Override
        public String description() {
            return "Required attribute missing, or attribute value not allowed by the label schema";
        }

        @Override
        protected void check(ValidationContext context, Item item, AnnotationSet set, Annotation a, Consumer<String> problems) {
            Optional<LabelClass> cls = context.project().schema(item.modalityId()).flatMap(s -> s.labelClass(a.label()));
            if (cls.isEmpty()) {
                return;
            }
            for (AttributeDef def : cls.get().attributes()) {
                Object value = a.attributes().get(def.name());
                if (def.required() && (value == null || "".equals(value))) {
                    problems.accept("'" + a.label() + "' is missing required attribute '" + def.name() + "'");
                } else if (!def.accepts(value)) {
                    problems.accept("attribute '" + def.name() + "' of '" + a.label() + "' has value " + value
                            + " which is not a valid " + def.type().id()
                            + (def.allowedValues().isEmpty() ? "" : " of " + def.allowedValues()));
                }
            }
        }
    }

    /** Payload problems the annotation's modality reports. */
    static final class Payload extends PerAnnotation {
        @Override
        public String id() {
            return "modality.payload";
        }

        @Override
        public String description() {
            return "Annotation payload rejected by its modality";
        }

        @Override
        protected void check(ValidationContext context, Item item, AnnotationSet set, Annotation a, Consumer<String> problems) {
            Modality m = context.modalities().get(a.modalityId());
            if (m != null) {
                m.validate(a, context.project().schema(a.modalityId()).orElse(null), set.guidelineVersion()).forEach(problems);
            }
        }
    }

    /** Media files the item references that are not there. */
    static final class MissingMedia implements ValidationRule {
        @Override
        public String id() {
            return "store.missing-media";
        }

        @Override
        public String description() {
            return "Media file referenced by an item does not exist";
        }

        @Override
        public void check(ValidationContext context, Item item, Consumer<Finding> findings) {
            for (String problem : context.stored().checkMedia(item)) {
                findings.accept(new Finding(id(), Severity.ERROR, item.id(), "", "", problem));
            }
        }
    }
}
