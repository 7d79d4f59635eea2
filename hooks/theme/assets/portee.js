// Ce que Material écrit en ligne dans chaque page (partials/javascripts/base.html), dans un
// fichier : la politique de sécurité des pages refuse tout script en ligne. La portée du site est
// le dossier au-dessus de ce fichier (assets/), en ligne comme depuis file://.
__md_scope=new URL("..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
