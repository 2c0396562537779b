package io.reembed.web;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

@Path("/")
public class RootResource {

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/bots")).build();
    }
}
