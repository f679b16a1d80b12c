{{%AUTOESCAPE context="HTML"}}{{!-- One product: what it is, what it costs, how long it takes, what happens; start or continue. --}}
<a class="utrecht-link back-link" href="/producten">{{t_product_all}}</a>
<h1 class="utrecht-heading-1">{{NAME}}</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">{{SUMMARY}}</p>
{{#FOR_CHILD}}<p class="utrecht-paragraph">{{t_product_for_child}}</p>
{{/FOR_CHILD}}
<dl class="utrecht-data-list">
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_product_organisation}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{ORGANISATION}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_product_term}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{TERM}}{{#EXTENSION}} {{TEXT}}{{/EXTENSION}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_product_fee}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{#FEE}}{{TEXT}}{{/FEE}}{{#NO_FEE}}{{t_product_no_fee}}{{/NO_FEE}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_product_decided}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{DECIDED}}</dd></div>
</dl>
{{#DOCUMENTS}}<h2 class="utrecht-heading-2">{{t_product_documents}}</h2>
<ul class="utrecht-unordered-list">
{{#DOCUMENT}}<li class="utrecht-unordered-list__item">{{NAME}}{{#OPTIONAL}} {{t_product_optional}}{{/OPTIONAL}}. {{HINT}}</li>
{{/DOCUMENT}}
</ul>
{{/DOCUMENTS}}
<h2 class="utrecht-heading-2">{{t_product_steps}}</h2>
<ol class="utrecht-ordered-list">
{{#STATUS}}<li class="utrecht-ordered-list__item"><strong>{{NAME}}</strong>: {{TEXT}}</li>
{{/STATUS}}
</ol>
{{#LOGIN_FIRST}}<p class="utrecht-paragraph">{{t_product_login_first}}</p>
<p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="{{HREF}}">{{t_product_login}}</a></p>
{{/LOGIN_FIRST}}
<p class="utrecht-paragraph">{{#START}}<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="{{START_HREF}}">{{t_product_start}}</a>{{/START}}{{#RESUME}}<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="{{START_HREF}}">{{t_apply_resume}}</a>{{/RESUME}}</p>
