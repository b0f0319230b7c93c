package com.numbering.telnyx.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps a method and a path template such as {@code /phone_numbers/{id}/messaging} to an endpoint. */
final class Router {

    @FunctionalInterface
    interface Endpoint {

        ApiResponse handle(ApiRequest request);

    }

    private record Route(String method, Pattern pattern, Endpoint endpoint) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, Endpoint endpoint) {
        String regex = template.replaceAll("\\{[^/]+}", "([^/]+)");
        this.routes.add(new Route(method, Pattern.compile(regex), endpoint));
        return this;
    }

    /** Runs the matching endpoint; unknown paths and methods answer 404 like any missing resource. */
    ApiResponse dispatch(String method, String path, Map<String, List<String>> query, String body) {
        for (Route route : this.routes) {
            Matcher matcher = route.pattern().matcher(path);
            if (route.method().equals(method) && matcher.matches()) {
                List<String> parameters = new ArrayList<>();
                for (int group = 1; group <= matcher.groupCount(); group++) {
                    parameters.add(matcher.group(group));
                }
                try {
                    return route.endpoint().handle(new ApiRequest(method, path, query, body, parameters));
                }
                catch (ApiError error) {
                    return error.toResponse();
                }
            }
        }
        return ApiError.notFound("No route for " + method + " " + path + ".").toResponse();
    }

}
