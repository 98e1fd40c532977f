#include "hpsearch/report/html/page.hpp"

#include "hpsearch/report/html/svg_plot.hpp"

namespace hpsearch::report::html {

namespace {

constexpr const char* kStyle = R"CSS(
body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:0 16px;color:#222}
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-top:8px}
h3{font-size:15px;margin:8px 0 2px}
nav a{margin-right:10px}
table{border-collapse:collapse;font-size:12px}
td,th{border:1px solid #ddd;padding:2px 6px;text-align:right;white-space:nowrap}
th{background:#f3f3f3;position:sticky;top:0}
table.sortable th{cursor:pointer}
.scroll{max-height:600px;overflow:auto;border:1px solid #ccc}
pre{background:#f7f7f7;padding:8px;overflow:auto;font-size:12px}
.note{color:#666;font-style:italic}
.method{color:#444;font-size:12px}
.kpis{display:flex;gap:12px;flex-wrap:wrap}
.kpi{border:1px solid #ccc;border-radius:4px;padding:6px 12px}
.kpi b{display:block;font-size:18px}
.bar{background:#4c78a8;height:12px}
svg.plot{display:block;margin:6px 0;background:#fff}
svg.plot path{fill:none}
.frame{fill:none;stroke:#999}.tick{stroke:#999}.tl{font-size:10px;fill:#444}.al{font-size:12px;fill:#222}
.mark{font-size:10px;fill:#555}
.dots{stroke-linecap:round;stroke-width:4px}
.obs{stroke:#9ecae1}.best{stroke:#d62728;stroke-width:2px}.busy{stroke:#4c78a8;stroke-width:1.2px}
.mean{stroke:#d62728;stroke-dasharray:4 3}.alloc{stroke:#2ca02c;stroke-dasharray:6 3}
.cross{stroke-width:1.5px}.fail{stroke:#d62728}.stop{stroke:#ff7f0e}.lost{stroke:#7f7f7f}
.curve{stroke:#bbb;stroke-width:1px}.curve-best{stroke:#d62728;stroke-width:2.5px}
.rung{stroke:#9467bd;stroke-dasharray:3 3}.promo{stroke:#9467bd}
.pc{stroke:#9ecae1;stroke-width:1px}.pc-best{stroke:#d62728;stroke-width:2.5px}
.pd{stroke:#4c78a8;stroke-width:2px}.axis{stroke:#999}
#hover{position:fixed;pointer-events:none;background:#333;color:#fff;font-size:11px;padding:2px 5px;border-radius:3px;display:none}
)CSS";

constexpr const char* kScript = R"JS(
(function(){
  var tip=document.getElementById('hover');
  function val(s,p,a,b,lg){var f=(p-a)/(b-a);
    if(lg){var l0=Math.log10(s[0]),l1=Math.log10(s[1]);return Math.pow(10,l0+f*(l1-l0));}
    return s[0]+f*(s[1]-s[0]);}
  document.querySelectorAll('svg.plot').forEach(function(svg){
    var d=svg.dataset;
    svg.addEventListener('mousemove',function(e){
      var r=svg.getBoundingClientRect(),vb=svg.viewBox.baseVal;
      var x=(e.clientX-r.left)*vb.width/r.width,y=(e.clientY-r.top)*vb.height/r.height;
      var px0=+d.px0,px1=+d.px1,py0=+d.py0,py1=+d.py1;
      if(x<px0||x>px1||y<py1||y>py0){tip.style.display='none';return;}
      var xv=val([+d.x0,+d.x1],x,px0,px1,d.xlog==='1'),yv=val([+d.y0,+d.y1],y,py0,py1,d.ylog==='1');
      tip.textContent='x '+xv.toPrecision(4)+', y '+yv.toPrecision(4);
      tip.style.left=(e.clientX+12)+'px';tip.style.top=(e.clientY+12)+'px';tip.style.display='block';
    });
    svg.addEventListener('mouseleave',function(){tip.style.display='none';});
  });
  document.querySelectorAll('table.sortable').forEach(function(table){
    var body=table.tBodies[0];
    table.querySelectorAll('th').forEach(function(th,col){
      th.addEventListener('click',function(){
        var up=th.dataset.dir!=='up';th.dataset.dir=up?'up':'down';
        var rows=Array.prototype.slice.call(body.rows);
        rows.sort(function(a,b){
          var x=a.cells[col].textContent,y=b.cells[col].textContent,nx=parseFloat(x),ny=parseFloat(y);
          var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:(isNaN(nx)===isNaN(ny)?x.localeCompare(y):(isNaN(nx)?1:-1));
          return up?c:-c;});
        var frag=document.createDocumentFragment();rows.forEach(function(r){frag.appendChild(r);});
        body.appendChild(frag);
      });
    });
  });
})();
)JS";

} // namespace

std::string page(const std::string& title, const std::string& body) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width\"><title>" +
                    escape(title) + "</title><style>" + kStyle + "</style></head><body>";
  out += "<h1>" + escape(title) + "</h1><nav>";
  for (const char* id : {"summary", "trajectory", "utilization", "importance", "parallel",
                         "dependence", "curves", "evaluations", "problem"}) {
    out += std::string("<a href=\"#") + id + "\">" + id + "</a>";
  }
  out +=
      "</nav>" + body + "<div id=\"hover\"></div><script>" + kScript + "</script></body></html>\n";
  return out;
}

} // namespace hpsearch::report::html
