package mydocker.ch08.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's routes (dockerd's router, 《Docker源码分析》 ch. 5): a method and a
 * path template such as {@code /containers/{id}/json}; a {@code {name}} part
 * matches one path segment. A request of the Engine API that no route serves
 * yet is 501, saying so (dockerd's 404 there would make the docker CLI think
 * an image is missing and try to pull it); any other unknown path is 404
 * "page not found", and a known one with another method 405, as dockerd.
 */
public final class Router {
    private record Route(String method, Pattern path, List<String> names, Endpoint endpoint) {}

    private static final Pattern PARAM = Pattern.compile("\\{([a-z]+)}");
    /** The Engine API's own resources: a path among them that is not routed yet is 501, not 404. */
    private static final Pattern DOCKER_API =
            Pattern.compile("/(containers|images|networks|volumes|exec|build|events|system|plugins|distribution)(/|$)");

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, Endpoint endpoint) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        routes.add(new Route(method, Pattern.compile(regex.toString()), List.copyOf(names), endpoint));
        return this;
    }

    public ApiResponse dispatch(ApiRequest request) throws Exception {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher m = route.path().matcher(request.path());
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equals(request.method())) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < route.names().size(); i++) {
                params.put(route.names().get(i), m.group(i + 1));
            }
            return route.endpoint().handle(request.withPathParams(params));
        }
        if (DOCKER_API.matcher(request.path()).lookingAt()) {
            // Also before 405: /containers/create would otherwise be a DELETE route's /containers/{id}.
            throw new ApiError(
                    io.netty.handler.codec.http.HttpResponseStatus.NOT_IMPLEMENTED,
                    "this daemon does not serve " + request.method() + " " + request.path()
                            + " yet: use ./mydocker for it (chapter 8 serves the API route by route)");
        }
        if (pathKnown) {
            throw new ApiError(
                    io.netty.handler.codec.http.HttpResponseStatus.METHOD_NOT_ALLOWED,
                    request.method() + " is not allowed on " + request.path());
        }
        throw ApiError.notFound("page not found");
    }
}
