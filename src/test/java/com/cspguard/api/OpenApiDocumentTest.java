package com.cspguard.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document generated at build time lists every route of every controller in
 * {@code com.cspguard.api} (found by reflection, so a new controller without a document entry
 * fails here), the management endpoints, the bearer scheme, and the error answers.
 */
class OpenApiDocumentTest {
    static final String DOCUMENT = "META-INF/swagger/csp-transfer-guard.yml";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document() throws Exception {
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertThat(in).as(DOCUMENT + " on the class path").isNotNull();
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> operation(Map<String, Object> doc, String path, String method) {
        Map<String, Object> item = (Map<String, Object>) ((Map<String, Object>) doc.get("paths")).get(path);
        return item == null ? null : (Map<String, Object>) item.get(method);
    }

    private static final List<Class<? extends Annotation>> VERBS = List.of(Get.class, Post.class, Put.class, Delete.class, Patch.class);

    /** method and path of every route of the controllers in this package, from their annotations. */
    static List<String[]> controllerRoutes() throws Exception {
        Path classes = Path.of(TenantAccess.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(TenantAccess.class.getPackageName().replace('.', '/'));
        List<String[]> routes = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).toList()) {
                Class<?> type = Class.forName(TenantAccess.class.getPackageName() + "."
                        + f.getFileName().toString().replace(".class", ""));
                Controller controller = type.getAnnotation(Controller.class);
                if (controller == null || type.isAnnotationPresent(io.swagger.v3.oas.annotations.Hidden.class)) {
                    continue; // the page's static files (OpsPageController) are no API and need no token
                }
                for (Method m : type.getDeclaredMethods()) {
                    for (Class<? extends Annotation> verb : VERBS) {
                        Annotation a = m.getAnnotation(verb);
                        if (a != null) {
                            routes.add(new String[]{verb.getSimpleName().toLowerCase(Locale.ROOT),
                                    join(controller.value(), uriOf(a))});
                        }
                    }
                }
            }
        }
        return routes;
    }

    /** The annotation's {@code uri}, or its {@code value} (an alias) when {@code uri} is the default. */
    private static String uriOf(Annotation a) throws Exception {
        String uri = (String) a.annotationType().getMethod("uri").invoke(a);
        String value = (String) a.annotationType().getMethod("value").invoke(a);
        return uri.equals("/") || uri.isEmpty() ? value : uri;
    }

    private static String join(String base, String uri) {
        String path = ("/" + base + "/" + uri).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Test
    void everyControllerRouteIsDocumentedWithTheBearerSchemeAndItsErrors() throws Exception {
        Map<String, Object> doc = document();
        List<String[]> routes = controllerRoutes();
        assertThat(routes).extracting(r -> r[0] + " " + r[1])
                .contains("get /tenants/{customerTenantId}", "get /tenants/{customerTenantId}/timers", "post /transfers/evaluate",
                        "get /tenants", "get /deadlines", "get /transfers");
        for (String[] route : routes) {
            Map<String, Object> op = operation(doc, route[1], route[0]);
            assertThat(op).as("%s %s in %s", route[0], route[1], DOCUMENT).isNotNull();
            assertThat(op.get("security")).as("security of %s %s", route[0], route[1])
                    .isEqualTo(List.of(Map.of(ApiErrors.BEARER, List.of())));
            assertThat(new TreeSet<>(((Map<String, Object>) op.get("responses")).keySet()))
                    .as("answers of %s %s", route[0], route[1]).contains("200", "401", "502", "503");
            if (route[1].contains("{")) {
                // a named tenant may be unknown or hidden from the caller; the lists just leave such tenants out
                assertThat(((Map<String, Object>) op.get("responses")).keySet()).as("answers of %s %s", route[0], route[1])
                        .contains("404");
            }
        }
        assertThat(((Map<String, Object>) operation(doc, "/transfers/evaluate", "post").get("responses")).keySet())
                .contains("400", "413");
        for (String list : List.of("/tenants", "/deadlines", "/transfers")) {
            assertThat(((Map<String, Object>) operation(doc, list, "get").get("responses")).keySet()).as(list).contains("400");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theManagementEndpointsAndTheBearerSchemeAreInTheDocument() throws Exception {
        Map<String, Object> doc = document();
        assertThat(operation(doc, "/health", "get")).isNotNull().containsEntry("security", List.of());
        assertThat(operation(doc, "/prometheus", "get")).isNotNull()
                .containsEntry("security", List.of(Map.of(ApiErrors.BEARER, List.of())));
        Map<String, Object> scheme = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc.get("components"))
                .get("securitySchemes")).get(ApiErrors.BEARER);
        assertThat(scheme).containsEntry("type", "http").containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
    }

    /** The plan's three answers (contract "The plan": JSON, CSV, iCalendar) are in the document. */
    @Test
    @SuppressWarnings("unchecked")
    void thePlanIsDocumentedAsJsonCsvAndICalendar() throws Exception {
        Map<String, Object> plan = operation(document(), "/transfers/plan", "post");
        assertThat(plan).isNotNull();
        Map<String, Object> ok = (Map<String, Object>) ((Map<String, Object>) plan.get("responses")).get("200");
        assertThat((Map<String, Object>) ok.get("content")).containsKeys("application/json", "text/csv", "text/calendar");
    }
}
