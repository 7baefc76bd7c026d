package mydocker.ch08.api;

import mydocker.ch08.Engine;

/** The Engine API this daemon serves, route by route (Docker's API reference, v1.43). */
final class Routes {
    private Routes() {}

    static Router of(Engine engine) {
        SystemEndpoints system = new SystemEndpoints();
        ContainerEndpoints containers = new ContainerEndpoints(engine);
        ImageEndpoints images = new ImageEndpoints();
        return new Router()
                .add("GET", "/_ping", system::ping)
                .add("GET", "/version", system::version)
                .add("GET", "/info", system::info)
                .add("GET", "/containers/json", containers::list)
                .add("POST", "/containers/create", containers::create)
                .add("GET", "/containers/{id}/json", containers::inspect)
                .add("POST", "/containers/{id}/wait", containers::waitFor)
                .add("GET", "/containers/{id}/logs", containers::logs)
                .add("POST", "/containers/{id}/start", containers::start)
                .add("POST", "/containers/{id}/stop", containers::stop)
                .add("DELETE", "/containers/{id}", containers::remove)
                .add("GET", "/images/json", images::list);
    }
}
