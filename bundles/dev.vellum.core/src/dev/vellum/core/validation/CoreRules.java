package dev.vellum.core.validation;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
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

    /** Labels not defined in the project's schema for the item's modality. */
    static final class UnknownLabel implements ValidationRule {
        @Override
        public String id() {
            return "schema.unknown-label";
        }

        @Override
        public String description() {
            return "Annotation label not defined in the project's label schema";
        }

        @Override
        public void check(ValidationContext context, Item item, Consumer<Finding> findings) {
            Optional<LabelSchema> schema = context.project().schema(item.modalityId());
            if (schema.isEmpty()) {
                return;
            }
            for (AnnotationSet set : item.sets()) {
                for (Annotation a : set.annotations()) {
                    if (!a.label().isEmpty() && schema.get().labelClass(a.label()).isEmpty()) {
                        findings.accept(new Finding(id(), Severity.ERROR, item.id(), set.annotator(), a.id(),
                                "label '" + a.label() + "' is not in the " + item.modalityId() + " label schema"));
                    }
                }
            }
        }
    }

    /** Required attributes missing, and values outside the allowed ones. */
    static final class Attributes implements ValidationRule {
        @Override
        public String id() {
            return "schema.attributes";
        }

        @Override
        public String description() {
            return "Required attribute missing, or attribute value not allowed by the label schema";
        }

        @Override
        public void check(ValidationContext context, Item item, Consumer<Finding> findings) {
            Optional<LabelSchema> schema = context.project().schema(item.modalityId());
            if (schema.isEmpty()) {
                return;
            }
            for (AnnotationSet set : item.sets()) {
                for (Annotation a : set.annotations()) {
                    Optional<LabelClass> cls = schema.get().labelClass(a.label());
                    if (cls.isEmpty()) {
                        continue;
                    }
                    for (AttributeDef def : cls.get().attributes()) {
                        Object value = a.attributes().get(def.name());
                        if (def.required() && (value == null || "".equals(value))) {
                            findings.accept(new Finding(id(), Severity.ERROR, item.id(), set.annotator(), a.id(),
                                    "'" + a.label() + "' is missing required attribute '" + def.name() + "'"));
                        } else if (!def.accepts(value)) {
                            findings.accept(new Finding(id(), Severity.ERROR, item.id(), set.annotator(), a.id(),
                                    "attribute '" + def.name() + "' of '" + a.label() + "' has value " + value
                                            + " which is not a valid " + def.type().id()
                                            + (def.allowedValues().isEmpty() ? "" : " of " + def.allowedValues())));
                        }
                    }
                }
            }
        }
    }

    /** Payload problems the annotation's modality reports. */
    static final class Payload implements ValidationRule {
        @Override
        public String id() {
            return "modality.payload";
        }

        @Override
        public String description() {
            return "Annotation payload rejected by its modality";
        }

        @Override
        public void check(ValidationContext context, Item item, Consumer<Finding> findings) {
            for (AnnotationSet set : item.sets()) {
                for (Annotation a : set.annotations()) {
                    Modality m = context.modalities().get(a.modalityId());
                    if (m == null) {
                        continue;
                    }
                    LabelSchema schema = context.project().schema(a.modalityId()).orElse(null);
                    for (String problem : m.validate(a, schema, set.guidelineVersion())) {
                        findings.accept(new Finding(id(), Severity.ERROR, item.id(), set.annotator(), a.id(), problem));
                    }
                }
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
