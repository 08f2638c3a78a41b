/**
 * The site's stylesheet, inlined into index.html. System font stacks only: no font files,
 * nothing fetched.
 */
export const SITE_CSS = `
:root{--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--bg:#fff;--side:#f8fafc;--accent:#2563eb;--code:#f8fafc;
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.5 var(--sans);color:var(--ink);background:var(--bg)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
#app{display:flex;flex-direction:column;height:100%}
.top{display:flex;align-items:center;gap:16px;padding:0 16px;height:48px;background:#0f172a;color:#e2e8f0;flex:none}
.top .brand{color:#fff;font-weight:600;white-space:nowrap}.top .brand small{color:#94a3b8;font-weight:400;margin-left:6px}
.top input{flex:1;max-width:520px;padding:6px 10px;border-radius:6px;border:1px solid #334155;background:#1e293b;color:#f1f5f9;font:inherit}
.top input::placeholder{color:#94a3b8}
.top nav{display:flex;gap:4px;margin-left:auto}
.top nav a{color:#cbd5e1;padding:6px 10px;border-radius:6px}.top nav a:hover{background:#1e293b;text-decoration:none}
.top nav a.active{background:#1e293b;color:#fff}
.body{display:flex;flex:1;min-height:0}
.side{width:290px;flex:none;border-right:1px solid var(--line);background:var(--side);display:flex;flex-direction:column;min-height:0}
.tabs{display:flex;border-bottom:1px solid var(--line);flex:none}
.tabs button{flex:1;padding:8px;border:0;background:none;font:inherit;color:var(--muted);cursor:pointer;border-bottom:2px solid transparent}
.tabs button.on{color:var(--ink);border-bottom-color:var(--accent);font-weight:600}
.tree{overflow:auto;padding:6px 0;flex:1;font-size:13px}
.tree ul{list-style:none;margin:0;padding-left:14px}.tree>ul{padding-left:4px}
.tree .row{display:flex;align-items:center;gap:6px;padding:2px 8px;border-radius:4px;cursor:pointer;white-space:nowrap;color:var(--ink)}
.tree .row:hover{background:#e2e8f0;text-decoration:none}.tree .row.active{background:#dbeafe;font-weight:600}
.tree .caret{width:10px;color:var(--muted);font-size:10px;flex:none}
.tree .count{color:var(--muted);font-size:11px;margin-left:auto}
.dot{width:8px;height:8px;border-radius:2px;flex:none;display:inline-block}
main{flex:1;overflow:auto;min-width:0}
.page{padding:24px 32px;max-width:1200px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:18px 0 8px}
.sub{color:var(--muted);margin-bottom:12px;display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;color:#fff;background:#475569;font-weight:600;white-space:nowrap}
.tag{display:inline-block;padding:0 7px;border-radius:10px;font-size:12px;background:#e0e7ff;color:#3730a3}
.kv{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:8px 0}.kv dt{color:var(--muted)}.kv dd{margin:0;word-break:break-word}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
td{overflow-wrap:break-word}td.nowrap{white-space:nowrap}td .wrap,table.tests td:first-child a{overflow-wrap:anywhere}table.columns td:first-child{white-space:nowrap}td.num,th.num{text-align:right;white-space:nowrap}
.scroll{overflow-x:auto;max-width:100%}
.inferred{color:var(--muted);font-style:italic}
.kind{display:inline-block;margin-left:6px;font-size:11px;line-height:16px;padding:0 6px;border-radius:8px;background:#ede9fe;color:#5b21b6}
.kind.aggregation{background:#ffedd5;color:#9a3412}
th{color:var(--muted);font-weight:600;background:#f8fafc}
.md p{margin:0 0 10px}td .md p:last-child{margin:0}.md table{width:auto}.md pre{background:var(--code);padding:10px;border-radius:6px;overflow:auto}
.md code,code{font-family:var(--mono);font-size:12.5px;background:#f1f5f9;padding:1px 4px;border-radius:4px}
.md pre code{background:none;padding:0}
.md blockquote{margin:0 0 10px;padding:2px 12px;border-left:3px solid var(--line);color:var(--muted)}
.empty{color:var(--muted);font-style:italic}
.code{position:relative}.code pre{margin:0;background:var(--code);border:1px solid var(--line);border-radius:6px;padding:12px;overflow:auto;max-height:560px;font:12.5px/1.55 var(--mono);tab-size:4}
.code .bar{display:flex;gap:4px;margin-bottom:6px}
.code .bar button{border:1px solid var(--line);background:#fff;border-radius:6px;padding:3px 10px;cursor:pointer;font:inherit;font-size:12px}
.code .bar button.on{background:#0f172a;color:#fff;border-color:#0f172a}
.k{color:#7c3aed;font-weight:600}.s{color:#047857}.c{color:#94a3b8;font-style:italic}.n{color:#c2410c}.f{color:#1d4ed8}.q{color:#0f766e}
.j{color:#b45309;background:#fff7ed}.jc{color:#a8a29e;font-style:italic}
.lists{display:grid;grid-template-columns:1fr 1fr;gap:24px}.lists ul{margin:0;padding-left:18px}
.status{font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px;margin:16px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 14px}.card b{display:block;font-size:22px}.card span{color:var(--muted);font-size:12px}
.results li{margin:0 0 12px;list-style:none}.results ul{padding:0}.results .why{color:var(--muted);font-size:12px}
mark{background:#fef08a;padding:0 1px}
.lineage{display:flex;flex-direction:column;height:100%}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:10px 16px;border-bottom:1px solid var(--line);background:#fff;flex:none}
.controls input[type=text]{font:12.5px var(--mono);padding:5px 8px;border:1px solid #cbd5e1;border-radius:6px;width:300px;max-width:30vw}
input.num{width:52px;flex:none;font:inherit;padding:3px 6px;border:1px solid #cbd5e1;border-radius:6px}
.controls button{font:inherit;padding:5px 10px;border:1px solid #cbd5e1;background:#fff;border-radius:6px;cursor:pointer}
.controls button.primary{background:#0f172a;color:#fff;border-color:#0f172a}
.controls .info{color:var(--muted);font-size:12px;margin-left:auto}
.controls .error{color:#b91c1c;font-size:12.5px;flex-basis:100%}.controls .error:empty,.controls .note:empty{display:none}
.controls .note{color:var(--muted);font-size:12.5px;flex-basis:100%}
.canvas{position:relative;flex:1;min-height:0;overflow:hidden;background:#fbfdff;cursor:grab}
.canvas svg.graph{width:100%;height:100%;display:block;user-select:none}
.canvas .notice{position:absolute;top:40%;left:0;right:0;text-align:center;color:var(--muted)}
.gnode{cursor:pointer}.gnode text{font:12px var(--sans);fill:#fff;pointer-events:none}
.gnode .box{stroke:rgba(15,23,42,.25);stroke-width:1}
.gnode.sel .box{stroke:#0f172a;stroke-width:3}
.gnode.hid{opacity:.55}.gnode.t-exposure text{font-weight:600}
.lod text{font:600 12px var(--sans);fill:#0f172a;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round;text-anchor:middle;pointer-events:none}
svg.focus .lod text:not(.hot){opacity:.3}
.gedge{fill:none;stroke:#94a3b8;stroke-width:1.3}
.gedge.hot{stroke:#0f172a;stroke-width:2.2}
svg.focus .gnode:not(.hot){opacity:.25}svg.focus .gedge:not(.hot){opacity:.15}
svg.far .gnode text{display:none}
svg.far .gnode .box{transform-box:fill-box;transform-origin:center;transform:scaleY(1.3)}
.wrap-band{fill:#eef2f7;stroke:#e2e8f0}
.legend-bar{flex:none;border-top:1px solid var(--line);background:#fff;padding:5px 16px;font-size:12px}.legend-bar:empty{display:none}
.legend{display:flex;flex-wrap:wrap;gap:2px 28px}
.legend b{color:var(--muted);font-weight:600;margin-right:8px}.legend span{display:inline-flex;align-items:center;gap:4px;margin-right:10px}
.dot.band{width:5px;height:12px;border-radius:2px}.dot.tagdot{width:12px;border-radius:0;clip-path:polygon(0 0,65% 0,100% 50%,65% 100%,0 100%)}
.panel{position:absolute;right:12px;top:12px;width:300px;background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px;box-shadow:0 4px 16px rgba(15,23,42,.1);font-size:13px}
.panel h3{margin:0 0 4px;word-break:break-all}.panel .acts{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
.panel .focus-row{display:flex;align-items:center;gap:6px;margin-top:10px;flex-wrap:nowrap}
.panel .focus-row code{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;text-align:center}
.panel .focus-row button{font:inherit;font-size:12px;padding:3px 10px;border:1px solid #0f172a;border-radius:6px;background:#0f172a;color:#fff;cursor:pointer}
.panel .acts button,.panel .acts a{font:inherit;font-size:12px;padding:3px 8px;border:1px solid #cbd5e1;border-radius:6px;background:#fff;cursor:pointer;color:var(--ink)}
#tip{position:fixed;pointer-events:none;background:#0f172a;color:#f1f5f9;padding:6px 9px;border-radius:6px;font-size:12px;display:none;z-index:10;max-width:420px;white-space:pre-line}
.timeline{border:1px solid var(--line);border-radius:8px;overflow:auto;background:#fff}
.timeline text{font:11px var(--sans);fill:var(--muted)}
.timeline .bar{cursor:pointer}.timeline .bar:hover{stroke:#0f172a;stroke-width:1.5}
.slow td.name{overflow-wrap:anywhere;min-width:200px}.slow .nowrap{white-space:nowrap}.slow td.bar{width:22%;min-width:50px}
.slow .fill{height:10px;min-width:2px;border-radius:3px;background:#93c5fd;margin-top:5px}
.drawer{position:absolute;left:0;right:0;bottom:0;max-height:50%;overflow:auto;background:#fff;border-top:1px solid var(--line);box-shadow:0 -6px 18px rgba(15,23,42,.08);padding:8px 16px 12px;cursor:default}
.drawer-head{display:flex;align-items:baseline;gap:4px}.drawer-head .sub{margin:0;font-size:12px}
.drawer-head .close{margin-left:auto;border:0;background:none;font-size:20px;line-height:1;cursor:pointer;color:var(--muted)}
.cl-legend{display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center;font-size:12px;color:var(--muted);margin:4px 0 8px}
.cl-legend span{display:inline-flex;align-items:center;gap:5px}.cl-legend .cl-status{margin-left:auto;font-style:italic}
.cl-graph{overflow-x:auto}.cl-trail{font-size:13px;margin:2px 0 4px}.cl-trail .sep{color:var(--muted)}.cl-trail .open{margin-left:14px}
.cl-box .frame{fill:#fff;stroke:#cbd5e1}.cl-box.focus .frame{stroke:#0f172a;stroke-width:1.5}
.cl-box .head text{fill:#fff;font:600 12px var(--sans)}.cl-box .head[data-open]{cursor:pointer}.cl-box .head[data-open]:hover text{text-decoration:underline}
.cl-row rect{fill:transparent}.cl-row text{font:12px var(--mono);fill:#0f172a}
.cl-row:hover rect,.cl-row.hl rect{fill:#e0f2fe}
.cl-row.rowsline text{font:italic 12px var(--sans);fill:#64748b}
.cl-row text.badge{font:700 11px var(--sans)}.cl-row text.badge.filter{fill:#0e7490}.cl-row text.badge.join{fill:#be185d}
:is(.cl-edge,.cl-line){fill:none;stroke-width:1.6}
:is(.cl-edge,.cl-line).direct{stroke:#64748b}:is(.cl-edge,.cl-line).transformation{stroke:#7c3aed;stroke-dasharray:6 3}
:is(.cl-edge,.cl-line).aggregation{stroke:#ea580c;stroke-width:2.4;stroke-dasharray:2 3}
:is(.cl-edge,.cl-line).filter{stroke:#0e7490;stroke-dasharray:1 3;stroke-width:1.6}:is(.cl-edge,.cl-line).join{stroke:#be185d;stroke-dasharray:8 3 2 3;stroke-width:1.4}
svg.hover .cl-edge:not(.hl){opacity:.12}.cl-edge.hl{stroke-width:2.8}
.cl-more{font:12px var(--sans);fill:var(--muted)}
`;
