{{%AUTOESCAPE context="HTML"}}{{!-- The catalogue: what one can apply for, per organisation; drafts to continue first. --}}
<h1 class="utrecht-heading-1">{{t_product_list_title}}</h1>
{{#DRAFTS}}<div class="utrecht-alert utrecht-alert--info drafts">
<h2 class="utrecht-heading-2">{{t_apply_resume_title}}</h2>
<ul class="utrecht-link-list utrecht-link-list--html-ul">
{{#DRAFT}}<li class="utrecht-link-list__item"><a class="utrecht-link utrecht-link-list__link" href="{{HREF}}">{{t_apply_resume}}: {{NAME}}</a></li>
{{/DRAFT}}
</ul>
</div>
{{/DRAFTS}}
<p class="utrecht-paragraph">{{t_product_list_intro}}</p>
{{#ORGANISATION}}<h2 class="utrecht-heading-2">{{NAME}}</h2>
<ul class="products">
{{#PRODUCT}}<li class="products__item"><a class="utrecht-link" href="{{HREF}}">{{NAME}}</a>
<p class="utrecht-paragraph">{{SUMMARY}}</p></li>
{{/PRODUCT}}
</ul>
{{/ORGANISATION}}
