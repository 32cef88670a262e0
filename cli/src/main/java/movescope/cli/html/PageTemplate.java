package movescope.cli.html;

/** The run page's HTML skeleton, stylesheet and script: all inline, nothing loaded from anywhere. */
final class PageTemplate {
    private PageTemplate() {
    }

    static final String HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>@TITLE@</title>
            <style>@STYLE@</style>
            </head>
            <body>
            <header id="head">
              <h1 id="title"></h1>
              <p id="outcome"></p>
              <p id="claim"></p>
              <ul id="headline"></ul>
              <p id="meta"></p>
            </header>
            <nav id="tools">
              <button id="zoom-out" title="zoom out (ctrl+wheel)">&minus;</button>
              <button id="zoom-in" title="zoom in (ctrl+wheel)">+</button>
              <button id="zoom-fit">fit</button>
              <button id="zoom-violation">go to violation</button>
              <label>key or prefix <input id="filter" type="search" placeholder="app:billing:" size="28"></label>
              <span id="shown"></span>
              <span class="legend"><i class="k v-accepted"></i>accepted <i class="k v-MISDIRECTED"></i>MISDIRECTED
                <i class="k v-QUIESCED"></i>QUIESCED <i class="k v-read"></i>read <i class="k v-error"></i>error
                <i class="k lost"></i>lost message <i class="k phase"></i>move phase <i class="k down"></i>down
                <i class="k part"></i>partition</span>
            </nav>
            <div id="scroller"><svg id="timeline" xmlns="http://www.w3.org/2000/svg"></svg></div>
            <pre id="inspector">Hover over (or click) a mark to see its trace line.</pre>
            <script type="application/json" id="run-data">@DATA@</script>
            <script>@SCRIPT@</script>
            </body>
            </html>
            """;

    static final String CSS = """
            body{font:13px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2330;background:#fff}
            header{padding:10px 16px 4px;border-bottom:1px solid #dde}
            h1{font-size:18px;margin:0 0 4px}
            #outcome{font:600 14px ui-monospace,Menlo,Consolas,monospace;margin:2px 0}
            #outcome.PASS{color:#1a7f37}#outcome.FOUND{color:#b3261e}#outcome.FAIL{color:#b3261e}
            #claim{margin:2px 0;color:#b3261e}#claim:empty{display:none}
            #headline{margin:4px 0;padding-left:18px;font-family:ui-monospace,Menlo,Consolas,monospace}
            #meta{color:#667;margin:2px 0;font-family:ui-monospace,Menlo,Consolas,monospace}
            nav{position:sticky;top:0;background:#f7f8fb;padding:6px 16px;border-bottom:1px solid #dde;z-index:2}
            nav button{font-size:13px;min-width:28px}
            .legend{margin-left:12px;color:#445}.legend i.k{display:inline-block;width:10px;height:10px;margin:0 3px 0 8px;border-radius:2px}
            #scroller{overflow:auto;max-height:70vh;border-bottom:1px solid #dde}
            svg text{font:11px ui-monospace,Menlo,Consolas,monospace;fill:#334}
            .lane-bg{fill:#fff}.lane.odd .lane-bg{fill:#f5f6fa}.lane.folded .lane-bg{fill:#eef0e6}
            .lane-label{font-weight:600}.axis line{stroke:#ccd}.axis text{fill:#778}
            .ev{cursor:pointer}.ev:hover>*{stroke:#000;stroke-width:2}
            .v-accepted,i.v-accepted{fill:#1a7f37;stroke:#1a7f37;background:#1a7f37}
            .v-MISDIRECTED,i.v-MISDIRECTED{fill:#d9822b;stroke:#d9822b;background:#d9822b}
            .v-QUIESCED,i.v-QUIESCED{fill:#7e57c2;stroke:#7e57c2;background:#7e57c2}
            .v-read,i.v-read{fill:#5b7083;stroke:#5b7083;background:#5b7083}
            .v-error,i.v-error{fill:#b3261e;stroke:#b3261e;background:#b3261e}
            i.lost{background:#b3261e}i.phase{background:#0b5cad}i.down{background:#bbb}i.part{background:#f3c8c8}
            line.msg{stroke-width:1.4;fill:none}line.msg.lost{stroke:#b3261e;stroke-dasharray:4 3}
            .phase-mark{fill:#0b5cad;stroke:#0b5cad}.lost-text{fill:#b3261e;font-weight:700}.a-Ship line.msg{stroke:#0b5cad;stroke-width:2.5}.phase-text{fill:#0b5cad;font-weight:600}
            .a-Abort .phase-mark,.a-IngestRefused .phase-mark{fill:#b3261e;stroke:#b3261e}
            .a-Crash>*{fill:#000;stroke:#000}.a-Restart>*{fill:#fff;stroke:#000}
            .a-PushConfig>*{fill:#c9a227;stroke:#8a6d00}.a-Partition>*,.a-Heal>*{fill:#e57373;stroke:#b3261e}
            .a-aggregate>rect{fill:#9aa5b1;stroke:none}.a-Drop>*{stroke:#b3261e;fill:#b3261e}
            .span-move{fill:#0b5cad;opacity:.13}.span-move.open{fill:#b3261e;opacity:.18}
            .span-down{fill:url(#hatch)}.span-partition{fill:#f3c8c8;opacity:.55}
            #violation line{stroke:#b3261e;stroke-width:2}#violation text{fill:#b3261e;font-weight:700}
            #violation rect{fill:#b3261e;opacity:.08}
            #inspector{margin:0;padding:8px 16px;background:#101521;color:#e7ebf3;white-space:pre-wrap;word-break:break-all;min-height:3em;font:12px ui-monospace,Menlo,Consolas,monospace}
            """;

    static final String JS = """
            (function(){
            'use strict';
            const D = JSON.parse(document.getElementById('run-data').textContent);
            const NS = 'http://www.w3.org/2000/svg';
            const LANE_H = 40, LEFT = 170, TOP = 30, RIGHT = 280;
            const svg = document.getElementById('timeline');
            const inspector = document.getElementById('inspector');
            const scroller = document.getElementById('scroller');
            const laneIndex = new Map(D.lanes.map((l, i) => [l[0], i]));
            const PHASES = new Set(['Start','Ship','Ingest','IngestRefused','Commit','CommitRemove','CommitInsert','Abort','ShipRetry']);
            const end = Math.max(1, D.endMs);
            let scale = fitScale();
            function fitScale(){ return Math.max(0.0005, (Math.max(600, scroller.clientWidth || 1200) - LEFT - RIGHT) / end); }
            function el(name, attrs, parent){
              const e = document.createElementNS(NS, name);
              for (const k in attrs) e.setAttribute(k, attrs[k]);
              if (parent) parent.appendChild(e);
              return e;
            }
            function x(t){ return LEFT + t * scale; }
            function y(lane){ return TOP + laneIndex.get(lane) * LANE_H + LANE_H / 2; }
            function matches(m, f){
              if (!f) return true;
              const key = m[10], prefix = m[11];
              if (!key && !prefix) return true;
              return (key && key.startsWith(f)) || (prefix && (prefix.startsWith(f) || f.startsWith(prefix)));
            }
            function head(){
              document.getElementById('title').textContent = D.scenario + ' \\u2014 ' + D.variant;
              const o = document.getElementById('outcome');
              o.textContent = D.outcome; o.className = D.outcome.split(' ')[0];
              if (D.violation) document.getElementById('claim').textContent =
                  D.violation.invariant + ' claims: ' + D.violation.claim + '. Violated at ' + D.violation.t + ' ms: ' + D.violation.message;
              const ul = document.getElementById('headline');
              for (const h of D.headline){ const li = document.createElement('li'); li.textContent = h; ul.appendChild(li); }
              document.getElementById('meta').textContent = D.file + ' \\u00b7 seed ' + D.seed + ' \\u00b7 ' + D.events + ' trace events, '
                  + D.endMs + ' ms' + (D.aggregated ? ' \\u00b7 routine events far from the violation aggregated' : '')
                  + (D.foldedNodes ? ' \\u00b7 ' + D.foldedNodes + ' quiet nodes folded' : '')
                  + (D.foldedClients ? ' \\u00b7 ' + D.foldedClients + ' clients folded' : '') + ' \\u00b7 reproduce: ' + D.reproduce;
            }
            function tickStep(){
              const target = 110 / scale; const p = Math.pow(10, Math.floor(Math.log10(target)));
              for (const m of [1, 2, 5, 10]) if (m * p >= target) return m * p;
              return 10 * p;
            }
            function show(m){ inspector.textContent = 'trace line ' + m[8] + (m[7] > 1 ? ' (first of ' + m[7] + ')' : '') + ':\\n' + m[9]; }
            function draw(){
              const f = document.getElementById('filter').value.trim();
              while (svg.firstChild) svg.removeChild(svg.firstChild);
              const W = x(end) + RIGHT, H = TOP + D.lanes.length * LANE_H + 10;
              svg.setAttribute('width', W); svg.setAttribute('height', H);
              const defs = el('defs', {}, svg);
              const pat = el('pattern', {id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)'}, defs);
              el('rect', {width: 6, height: 6, fill: '#e4e4e4'}, pat); el('line', {x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#aaa', 'stroke-width': 3}, pat);
              const lanes = el('g', {id: 'lanes'}, svg);
              D.lanes.forEach((l, i) => {
                const g = el('g', {'class': 'lane ' + l[1] + (i % 2 ? ' odd' : ''), 'data-lane': l[0]}, lanes);
                el('rect', {'class': 'lane-bg', x: 0, y: TOP + i * LANE_H, width: W, height: LANE_H}, g);
                const t = el('text', {'class': 'lane-label', x: 8, y: TOP + i * LANE_H + LANE_H / 2 + 4}, g); t.textContent = l[2];
              });
              const axis = el('g', {'class': 'axis'}, svg); const step = tickStep();
              for (let t = 0; t <= end; t += step){
                el('line', {x1: x(t), y1: TOP - 6, x2: x(t), y2: H, 'stroke-opacity': .35}, axis);
                const tx = el('text', {x: x(t) + 2, y: TOP - 10}, axis); tx.textContent = t + ' ms';
              }
              const spans = el('g', {id: 'spans'}, svg);
              for (const s of D.spans){
                if (!laneIndex.has(s[0])) continue;
                const r = el('rect', {'class': 'span span-' + s[3] + (s[5] ? ' open' : ''), x: x(s[1]), y: y(s[0]) - LANE_H / 2 + 2,
                    width: Math.max(2, (s[2] - s[1]) * scale), height: LANE_H - 4}, spans);
                el('title', {}, r).textContent = s[4] + ' (' + s[1] + '\\u2013' + s[2] + ' ms)';
              }
              const evs = el('g', {id: 'events'}, svg);
              const rows = new Map();
              // Labels of nearby marks on one lane take turns above and below it instead of overprinting.
              function label(g, lane, cx, cy, text, cls){
                let r = rows.get(lane); if (!r){ r = [-1e9, -1e9, -1e9, -1e9]; rows.set(lane, r); }
                let row = r.findIndex(v => v < cx); if (row < 0) row = r.indexOf(Math.min(...r));
                const w = text.length * 6.6 + 6; r[row] = cx + 7 + w;
                const ty = cy + [-6, 15, -16, 5][row];
                const t = el('text', {'class': cls || '', x: cx + 7, y: ty}, g); t.textContent = text;
              }
              let shown = 0;
              for (const m of D.marks){
                if (!laneIndex.has(m[0]) || !matches(m, f)) continue;
                shown++;
                const g = el('g', {'class': 'ev ' + m[3], 'data-line': m[8], 'data-action': m[2]}, evs);
                const cx = x(m[1]), cy = y(m[0]);
                if (m[2] === 'aggregate'){
                  const w = Math.max(2, end / 240 * scale);
                  el('rect', {x: cx, y: cy - 7, width: w, height: 14, opacity: Math.min(1, .25 + Math.log10(m[7] + 1) / 3)}, g);
                } else if (m[5] && laneIndex.has(m[5]) && m[5] !== m[0]){
                  const ty = y(m[5]);
                  el('line', {'class': 'msg' + (m[6] ? ' lost' : ''), x1: cx, y1: cy, x2: cx + 6, y2: ty}, g);
                  if (m[6]){ el('path', {d: 'M' + (cx - 1) + ' ' + ((cy + ty) / 2 - 4) + 'l8 8m0 -8l-8 8', 'stroke-width': 2}, g); }
                  else el('circle', {cx: cx + 6, cy: ty, r: 3}, g);
                  el('circle', {cx: cx, cy: cy, r: 2.5}, g);
                  if (PHASES.has(m[2])) label(g, m[0], cx, cy, m[2], 'phase-text');
                  else if (m[6]) label(g, m[0], cx, cy, 'lost', 'lost-text');
                } else if (PHASES.has(m[2])){
                  el('path', {'class': 'phase-mark', d: 'M' + cx + ' ' + (cy - 7) + 'l6 7l-6 7l-6 -7z'}, g);
                  label(g, m[0], cx, cy, m[2], 'phase-text');
                } else if (m[2] === 'Crash' || m[2] === 'Restart'){
                  el('rect', {x: cx - 4, y: cy - 8, width: 8, height: 16}, g);
                  label(g, m[0], cx, cy, m[2]);
                } else if (m[2] === 'PushConfig' || m[2] === 'Partition' || m[2] === 'Heal'){
                  el('rect', {x: cx - 5, y: cy - 5, width: 10, height: 10, transform: 'rotate(45 ' + cx + ' ' + cy + ')'}, g);
                  label(g, m[0], cx, cy, m[2]);
                } else {
                  el('circle', {cx: cx, cy: cy, r: 4}, g);
                }
                el('title', {}, g).textContent = m[4] + '\\n' + m[9];
                g.addEventListener('mouseenter', () => show(m));
                g.addEventListener('click', () => show(m));
              }
              document.getElementById('shown').textContent = shown + ' of ' + D.marks.length + ' marks shown';
              if (D.violation){
                const v = el('g', {id: 'violation', 'class': 'violation', 'data-invariant': D.violation.invariant}, svg);
                const vx = x(D.violation.t);
                el('rect', {x: vx - 6, y: TOP, width: 12, height: H - TOP}, v);
                el('line', {x1: vx, y1: TOP - 4, x2: vx, y2: H}, v);
                const t = el('text', {x: vx + 4, y: TOP + 12}, v);
                t.textContent = '\\u2716 ' + D.violation.invariant + ' violated at ' + D.violation.t + ' ms';
                el('title', {}, v).textContent = D.violation.invariant + ': ' + D.violation.claim + '\\n' + D.violation.message;
                if (laneIndex.has(D.violation.node)) el('circle', {cx: vx, cy: y(D.violation.node), r: 7, fill: 'none', stroke: '#b3261e', 'stroke-width': 2}, v);
              }
            }
            function zoom(factor, anchorT){
              const keep = anchorT === undefined ? (scroller.scrollLeft + scroller.clientWidth / 2 - LEFT) / scale : anchorT;
              scale = Math.min(50, Math.max(0.0002, scale * factor)); draw();
              scroller.scrollLeft = Math.max(0, x(keep) - scroller.clientWidth / 2);
            }
            document.getElementById('zoom-in').onclick = () => zoom(2);
            document.getElementById('zoom-out').onclick = () => zoom(0.5);
            document.getElementById('zoom-fit').onclick = () => { scale = fitScale(); draw(); };
            document.getElementById('zoom-violation').onclick = () => { if (D.violation) zoom(Math.max(1, (2 / scale)), D.violation.t); };
            document.getElementById('zoom-violation').disabled = !D.violation;
            document.getElementById('filter').addEventListener('input', draw);
            scroller.addEventListener('wheel', e => { if (e.ctrlKey){ e.preventDefault(); zoom(e.deltaY < 0 ? 1.25 : 0.8); } }, {passive: false});
            head(); draw();
            })();
            """;
}
