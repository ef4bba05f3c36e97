"""A browsable API page that works offline: it renders /api/v1/openapi.json with no CDN."""

from __future__ import annotations

from flask import Blueprint, Response

from api.context import requires
from api.policy import Permission

blp = Blueprint("docs", __name__)

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Partnership Ledger API</title><style>
body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#222}
details{border:1px solid #ccc;border-radius:4px;margin:.4em 0;padding:.4em .8em}
summary{cursor:pointer}code.m{display:inline-block;width:4.5em;font-weight:bold}
.GET{color:#05a}.POST{color:#080}pre{background:#f6f6f6;padding:.6em;overflow:auto}
</style></head><body><h1>Partnership Ledger API</h1>
<p>The machine-readable document is <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
Authenticate with <code>Authorization: Bearer &lt;token&gt;</code>; send <code>If-Match</code>
with the ETag you read on every command that changes an existing record.</p>
<div id="ops">Loading…</div><script>
fetch('/api/v1/openapi.json').then(r=>r.json()).then(spec=>{
 const ops=document.getElementById('ops');ops.textContent='';
 for(const [path,item] of Object.entries(spec.paths)){for(const [m,op] of Object.entries(item)){
  if(m==='parameters')continue;const d=document.createElement('details');
  const s=document.createElement('summary');const c=document.createElement('code');
  c.className='m '+m.toUpperCase();c.textContent=m.toUpperCase();s.append(c,' '+path+' — '+(op.summary||''));
  const p=document.createElement('pre');p.textContent=JSON.stringify(
   {parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,1);
  d.append(s,p);ops.append(d);}}
 const sc=document.createElement('details');sc.innerHTML='<summary>Schemas</summary>';
 const pre=document.createElement('pre');pre.textContent=JSON.stringify(spec.components.schemas,null,1);
 sc.append(pre);ops.append(sc);});
</script></body></html>"""


@blp.get("/api/v1/docs")
@requires(Permission.PUBLIC)
def docs() -> Response:
    """A human-readable list of every operation, built from the OpenAPI document."""
    return Response(PAGE, mimetype="text/html")
