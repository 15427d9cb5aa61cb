package dev.vellum.guidelines.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.guidelines.PublishParticipant;
import dev.vellum.guidelines.ui.parts.GuidelinesPart;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/** The Guidelines view hands the installed PublishParticipant services to each publish (so rules freeze from the GUI too). */
class PublishParticipantsTest {
    @TempDir
    Path tmp;

    @Test
    void theViewIsInjectedWithTheRegisteredParticipants() throws Exception {
        BundleContext bc = FrameworkUtil.getBundle(PublishParticipantsTest.class).getBundleContext();
        PublishParticipant mine = (project, number) -> {
        };
        ServiceRegistration<PublishParticipant> reg = bc.registerService(PublishParticipant.class, mine, null);
        try (Fixture f = new Fixture(tmp)) {
            GuidelinesPart part = ContextInjectionFactory.make(GuidelinesPart.class, f.context);
            java.lang.reflect.Field field = GuidelinesPart.class.getDeclaredField("participants");
            field.setAccessible(true);
            List<?> participants = (List<?>) field.get(part);
            assertNotNull(participants, "@Service injection is available in the runtime");
            assertTrue(participants.contains(mine), participants.toString());
        } finally {
            reg.unregister();
        }
    }
}
