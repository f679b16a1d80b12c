{{%AUTOESCAPE context="HTML"}}{{!-- An error a browser navigated into, in the site's style. --}}
<h1 class="utrecht-heading-1">{{TITLE}}</h1>
<p class="utrecht-paragraph">{{TEXT}}</p>
{{#LOGIN}}<p class="utrecht-paragraph"><a class="utrecht-link" href="{{HREF}}">{{t_error_login}}</a></p>
{{/LOGIN}}
{{#TRACE}}<p class="utrecht-paragraph">{{t_error_trace}} <code class="utrecht-code">{{ID}}</code></p>
{{/TRACE}}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/">{{t_error_home}}</a></p>
